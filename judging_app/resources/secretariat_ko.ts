<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>AdvanceDialog</name>
    <message>
        <source>Close %1</source>
        <translation>%1 마감</translation>
    </message>
    <message>
        <source>Close %1 (%2)? A closed round cannot be reopened: it accepts no more scores, packages or score tables.</source>
        <translation>%1(%2)을(를) 마감하시겠습니까? 마감한 심사 단계는 다시 열 수 없으며 점수, 패키지, 점수표를 더 받지 않습니다.</translation>
    </message>
    <message>
        <source>%1 cases go on to %2:</source>
        <translation>%2에 진출하는 사례 %1건:</translation>
    </message>
    <message>
        <source>%1 cases make the final field:</source>
        <translation>최종 대상 사례 %1건:</translation>
    </message>
    <message>
        <source>Close it anyway, with the scores missing (the audit log records it)</source>
        <translation>점수가 빠진 채로 마감합니다 (감사 기록에 남습니다)</translation>
    </message>
    <message>
        <source>%1 scores are missing:</source>
        <translation>입력되지 않은 점수 %1건:</translation>
    </message>
    <message>
        <source>Close the round</source>
        <translation>마감</translation>
    </message>
</context>
<context>
    <name>Alerts</name>
    <message>
        <source>Something went wrong. The details are in %1.</source>
        <translation>예상하지 못한 오류가 났습니다. 자세한 내용은 %1에 있습니다.</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>New contest</source>
        <translation>새 대회</translation>
    </message>
    <message>
        <source>Setting up the demo contest…</source>
        <translation>체험용 대회를 준비하는 중…</translation>
    </message>
    <message>
        <source>Open a contest</source>
        <translation>대회 열기</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Filter the log…</source>
        <translation>기록 검색…</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>감사 기록</translation>
    </message>
    <message>
        <source>Every action that changed the contest, in order. Entries are never changed or removed; times are local. The report includes the log.</source>
        <translation>대회 자료를 바꾼 모든 작업을 순서대로 보여 줍니다. 기록은 고치거나 지울 수 없으며, 시각은 이 컴퓨터의 시간입니다. 보고서에도 실립니다.</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>Filter by ID, title, organisation…</source>
        <translation>번호, 제목, 기관으로 검색…</translation>
    </message>
    <message>
        <source>Import cases…</source>
        <translation>사례 가져오기…</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>사례</translation>
    </message>
    <message>
        <source>Columns of the table: case_id, title, organization, category, summary, body, and optionally %1 with the panel of the first round. Importing the file again updates the cases.</source>
        <translation>표의 열: case_id, title, organization, category, summary, body, 그리고 필요하면 첫 심사의 분과를 적은 %1 열. 같은 파일을 다시 가져오면 사례가 갱신됩니다.</translation>
    </message>
    <message>
        <source>%1 cases</source>
        <translation>사례 %1건</translation>
    </message>
    <message>
        <source>Import cases</source>
        <translation>사례 가져오기</translation>
    </message>
    <message>
        <source>Cases imported from %1</source>
        <translation>%1에서 사례를 가져왔습니다</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>ID</source>
        <extracomment>Award tiers, best first; later tiers reuse the last colour.</extracomment>
        <translation>번호</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>기관</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>분야</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>투표</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Affiliation</source>
        <translation>소속</translation>
    </message>
    <message>
        <source>Final field</source>
        <translation>최종 대상</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>순위</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>점수</translation>
    </message>
    <message>
        <source>Judges</source>
        <translation>심사위원</translation>
    </message>
    <message>
        <source>Advances</source>
        <translation>진출</translation>
    </message>
    <message>
        <source>advances</source>
        <translation>진출</translation>
    </message>
    <message>
        <source>Judge</source>
        <translation>심사위원</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>사례</translation>
    </message>
    <message>
        <source>Mean total</source>
        <translation>평균 총점</translation>
    </message>
    <message>
        <source>Spread (SD)</source>
        <translation>편차(표준편차)</translation>
    </message>
    <message>
        <source>Against the panel</source>
        <translation>분과 평균 대비</translation>
    </message>
    <message>
        <source>Leaning</source>
        <translation>경향</translation>
    </message>
    <message>
        <source>lenient</source>
        <translation>후함</translation>
    </message>
    <message>
        <source>harsh</source>
        <translation>엄격함</translation>
    </message>
    <message>
        <source>even</source>
        <translation>보통</translation>
    </message>
    <message>
        <source>Award</source>
        <translation>시상</translation>
    </message>
    <message>
        <source>Expert</source>
        <translation>전문가 점수</translation>
    </message>
    <message>
        <source>Vote points</source>
        <translation>투표 환산 점수</translation>
    </message>
    <message>
        <source>Final score</source>
        <translation>최종 점수</translation>
    </message>
    <message>
        <source>When</source>
        <translation>일시</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>작업자</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>작업</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>내용</translation>
    </message>
    <message>
        <source>contest created</source>
        <translation>대회 생성</translation>
    </message>
    <message>
        <source>cases imported</source>
        <translation>사례 가져오기</translation>
    </message>
    <message>
        <source>judges imported</source>
        <translation>심사위원 가져오기</translation>
    </message>
    <message>
        <source>score table imported</source>
        <translation>점수표 가져오기</translation>
    </message>
    <message>
        <source>votes imported</source>
        <translation>투표 가져오기</translation>
    </message>
    <message>
        <source>round closed</source>
        <translation>심사 마감</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>키</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>평가항목</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>배점</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>단위</translation>
    </message>
    <message>
        <source>Rubric</source>
        <translation>평가 기준</translation>
    </message>
    <message>
        <source>Minimum score</source>
        <translation>최저 점수</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>심사 단계</translation>
    </message>
    <message>
        <source>Aggregate</source>
        <translation>집계 방식</translation>
    </message>
    <message>
        <source>Advance</source>
        <translation>진출 수</translation>
    </message>
    <message>
        <source>Criteria</source>
        <translation>평가항목</translation>
    </message>
    <message>
        <source>mean without the highest and lowest (from %1 judges)</source>
        <translation>최고·최저점 제외 평균 (심사위원 %1명 이상일 때)</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>평균</translation>
    </message>
    <message>
        <source>T-score (z)</source>
        <translation>표준점수(T점수)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>행</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>열</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>사례</translation>
    </message>
    <message>
        <source>First entry</source>
        <translation>1차 입력</translation>
    </message>
    <message>
        <source>Second entry</source>
        <translation>2차 입력</translation>
    </message>
    <message>
        <source>Disagreement</source>
        <translation>불일치</translation>
    </message>
</context>
<context>
    <name>ContestWindow</name>
    <message>
        <source>&amp;File</source>
        <extracomment>How often a window that others may change (a contest on a server, or a file open read-only while another program writes it) looks for their changes.</extracomment>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Home screen</source>
        <translation>시작 화면(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Open another contest…</source>
        <translation>다른 대회 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>닫기(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>The contest cannot be read just now.</source>
        <translation>지금은 대회를 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>Changed at another seat: shown as it is now.</source>
        <translation>다른 자리에서 바뀌었습니다. 지금 상태로 다시 보여 줍니다.</translation>
    </message>
    <message>
        <source>Wait for the action to finish or cancel it.</source>
        <translation>작업이 끝날 때까지 기다리거나 작업을 취소하십시오.</translation>
    </message>
</context>
<context>
    <name>DisputesView</name>
    <message>
        <source>Settle from the paper…</source>
        <translation>평가표 확인 후 확정…</translation>
    </message>
    <message>
        <source>different values</source>
        <translation>값 불일치</translation>
    </message>
    <message>
        <source>rows swapped with %1</source>
        <translation>%1 행과 뒤바뀜</translation>
    </message>
    <message>
        <source>row typed in one entry only</source>
        <translation>한쪽에만 입력된 행</translation>
    </message>
    <message>
        <source>value typed in one entry only</source>
        <translation>한쪽에만 입력된 값</translation>
    </message>
    <message>
        <source>case not on the judge&apos;s sheet</source>
        <translation>심사위원 평가표에 없는 사례</translation>
    </message>
    <message>
        <source>criterion left blank</source>
        <translation>비어 있는 항목</translation>
    </message>
    <message>
        <source>Sheets: %1 agreed, %2 in dispute, %3 entered once, %4 not entered.</source>
        <translation>평가표: 일치 %1장, 불일치 %2장, 1회 입력 %3장, 미입력 %4장.</translation>
    </message>
    <message>
        <source>%1 disagreements open.</source>
        <translation>해결할 불일치 %1건.</translation>
    </message>
    <message>
        <source>Settle from the paper</source>
        <translation>평가표 확인 후 확정</translation>
    </message>
    <message>
        <source>%1 is not a number</source>
        <translation>%1은(는) 숫자가 아닙니다</translation>
    </message>
</context>
<context>
    <name>FileChooser</name>
    <message>
        <source>Contest configuration</source>
        <translation>대회 설정 파일</translation>
    </message>
    <message>
        <source>Contest configuration (*.toml)</source>
        <translation>대회 설정 파일 (*.toml)</translation>
    </message>
    <message>
        <source>New contest database</source>
        <translation>새 대회 데이터베이스</translation>
    </message>
    <message>
        <source>Contest database (*.jdb)</source>
        <translation>대회 데이터베이스 (*.jdb)</translation>
    </message>
    <message>
        <source>Open a contest</source>
        <translation>대회 열기</translation>
    </message>
    <message>
        <source>Tables (*.xlsx *.xlsm *.csv)</source>
        <translation>표 파일 (*.xlsx *.xlsm *.csv)</translation>
    </message>
    <message>
        <source>Returned judge packages</source>
        <translation>제출된 심사위원 패키지</translation>
    </message>
    <message>
        <source>Judge packages (*.jpkg)</source>
        <translation>심사위원 패키지 (*.jpkg)</translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation>보고서 내보내기</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>엑셀 통합 문서 (*.xlsx)</translation>
    </message>
    <message>
        <source>Blank score sheets</source>
        <translation>빈 평가표</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>FinalPage</name>
    <message>
        <source>Final ranking</source>
        <translation>최종 순위</translation>
    </message>
    <message>
        <source>Final score = %1 × expert score (%2) + %3 × vote points</source>
        <translation>최종 점수 = %1 × 전문가 점수(%2) + %3 × 투표 환산 점수</translation>
    </message>
    <message>
        <source>expert × %1</source>
        <translation>전문가 점수 × %1</translation>
    </message>
    <message>
        <source>votes × %1</source>
        <translation>투표 환산 점수 × %1</translation>
    </message>
    <message>
        <source>Provisional: %1 is still open.</source>
        <translation>잠정 순위입니다: %1이(가) 아직 마감되지 않았습니다.</translation>
    </message>
    <message>
        <source>No case has a final score yet.</source>
        <translation>아직 최종 점수가 있는 사례가 없습니다.</translation>
    </message>
</context>
<context>
    <name>GridModel</name>
    <message>
        <source>✓</source>
        <translation>✓</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>미입력</translation>
    </message>
    <message>
        <source>excluded</source>
        <translation>제척</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>번호</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <source>Panel</source>
        <translation>분과</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>사용 설명서(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;About judging-app</source>
        <translation>정보(&amp;A)</translation>
    </message>
    <message>
        <source>About judging-app</source>
        <translation>심사 관리 정보</translation>
    </message>
    <message>
        <source>&lt;b&gt;Contest judging&lt;/b&gt; (judging-app) version %1</source>
        <translation>&lt;b&gt;심사 관리&lt;/b&gt;(judging-app) 버전 %1</translation>
    </message>
    <message>
        <source>Runs a contest of improvement cases judged by expert panels: judges score offline in signed judge packages; the secretariat merges them, adds the citizens&apos; votes, ranks the cases and exports the Excel report.</source>
        <translation>전문가 심사위원단이 심사하는 개선 사례 경진대회를 운영합니다. 심사위원은 서명된 심사위원 패키지로 오프라인에서 채점하고, 사무국은 이를 병합하고 시민 투표를 더해 순위를 정하고 엑셀 보고서를 냅니다.</translation>
    </message>
</context>
<context>
    <name>HomeWindow</name>
    <message>
        <source>Contest judging</source>
        <translation>심사 관리</translation>
    </message>
    <message>
        <source>Run a contest of improvement cases: cases and judges, each round&apos;s scores, the citizens&apos; votes, the final ranking and the report.</source>
        <translation>우수사례 경진대회를 처음부터 끝까지 관리합니다: 사례와 심사위원, 단계별 심사 점수, 시민 투표, 최종 순위와 보고서.</translation>
    </message>
    <message>
        <source>New contest from a configuration…</source>
        <translation>설정 파일로 새 대회 만들기…</translation>
    </message>
    <message>
        <source>Open a contest…</source>
        <translation>대회 열기…</translation>
    </message>
    <message>
        <source>Try the demo contest</source>
        <translation>체험용 대회 열기</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>Recent contests</source>
        <translation>최근 대회</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>사용 설명서</translation>
    </message>
    <message>
        <source>No contest opened yet.</source>
        <translation>아직 연 대회가 없습니다.</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>File: %1</source>
        <translation>파일: %1</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <source>Checking every row… nothing is written yet.</source>
        <translation>모든 행을 검사하는 중… 아직 아무것도 저장하지 않았습니다.</translation>
    </message>
    <message>
        <source>The file is refused: %1 problem(s), listed below. Nothing was written. Correct the file and import it again.</source>
        <translation>파일을 받을 수 없습니다: 아래 문제 %1건. 아무것도 저장하지 않았습니다. 파일을 고친 뒤 다시 가져오십시오.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Every row can be imported:</source>
        <translation>모든 행을 가져올 수 있습니다:</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>가져오는 중…</translation>
    </message>
</context>
<context>
    <name>JudgesPage</name>
    <message>
        <source>Filter by ID, name, affiliation…</source>
        <translation>번호, 이름, 소속으로 검색…</translation>
    </message>
    <message>
        <source>Import judges…</source>
        <translation>심사위원 가져오기…</translation>
    </message>
    <message>
        <source>Judges</source>
        <translation>심사위원</translation>
    </message>
    <message>
        <source>Columns of the table: judge_id, name, affiliation, and one column per round (%1) with the judge&apos;s panel in it; blank: not judging that round. A judge is excluded automatically from the cases of their own organisation.</source>
        <translation>표의 열: judge_id, name, affiliation, 그리고 심사 단계마다 한 열(%1)에 그 단계의 분과. 비어 있으면 그 단계를 심사하지 않습니다. 심사위원은 자기 소속 기관의 사례에서 자동으로 제척됩니다.</translation>
    </message>
    <message>
        <source>%1 judges</source>
        <translation>심사위원 %1명</translation>
    </message>
    <message>
        <source>Import judges</source>
        <translation>심사위원 가져오기</translation>
    </message>
    <message>
        <source>Judges imported from %1</source>
        <translation>%1에서 심사위원을 가져왔습니다</translation>
    </message>
</context>
<context>
    <name>LeniencyChart</name>
    <message>
        <source>harsher than the panel</source>
        <translation>분과보다 엄격</translation>
    </message>
    <message>
        <source>more lenient</source>
        <translation>분과보다 후함</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge returned packages</source>
        <translation>제출된 패키지 병합</translation>
    </message>
    <message>
        <source>Checking %1 file(s)… nothing is written yet.</source>
        <translation>파일 %1개를 검사하는 중… 아직 아무것도 저장하지 않았습니다.</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>병합</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>거부: %1</translation>
    </message>
    <message>
        <source>%1 can be merged, %2 refused. Refused files are left out; nothing is written until you merge.</source>
        <translation>병합 가능 %1개, 거부 %2개. 거부된 파일은 빠지며, 병합을 누르기 전에는 아무것도 저장하지 않습니다.</translation>
    </message>
    <message>
        <source>Merge %1 file(s)</source>
        <translation>파일 %1개 병합</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation>병합하는 중…</translation>
    </message>
</context>
<context>
    <name>PackageActions</name>
    <message>
        <source>Folder for the judge packages</source>
        <translation>심사위원 패키지를 저장할 폴더</translation>
    </message>
    <message>
        <source>%1 judge packages written to %2. Hand each judge their package and their PIN slip; the PIN list is %3.</source>
        <translation>심사위원 패키지 %1개를 %2에 저장했습니다. 심사위원마다 패키지와 PIN 쪽지를 전달하십시오. PIN 목록: %3</translation>
    </message>
    <message>
        <source>Packages issued earlier to %1 no longer merge.</source>
        <translation>%1에게 먼저 발급한 패키지는 더 이상 병합되지 않습니다.</translation>
    </message>
    <message>
        <source>Packages issued</source>
        <translation>패키지 발급 완료</translation>
    </message>
    <message>
        <source>Issuing the judge packages…</source>
        <translation>심사위원 패키지를 발급하는 중…</translation>
    </message>
</context>
<context>
    <name>PaperSheetsTab</name>
    <message>
        <source>Type a sheet</source>
        <translation>평가표 입력</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>불일치</translation>
    </message>
    <message>
        <source>Print blank sheets…</source>
        <translation>빈 평가표 인쇄…</translation>
    </message>
    <message>
        <source>Paper sheets are typed in twice by two people, blind. Only values both entries agree on become scores; each disagreement is settled from the paper.</source>
        <translation>종이 평가표는 두 사람이 서로의 값을 보지 않고 두 번 입력합니다. 두 입력이 일치하는 값만 점수가 되고, 불일치는 평가표 원본을 다시 보고 확정합니다.</translation>
    </message>
    <message>
        <source>Print blank sheets</source>
        <translation>빈 평가표 인쇄</translation>
    </message>
    <message>
        <source>%1 blank sheets written to %2</source>
        <translation>빈 평가표 %1장을 %2에 저장했습니다</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>Export the Excel report…</source>
        <translation>엑셀 보고서 내보내기…</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>폴더 열기</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>보고서</translation>
    </message>
    <message>
        <source>The Excel report holds the final ranking, each round&apos;s results with every judge&apos;s totals, the criterion scores, the votes and the audit log, ready to print on A4. It shows exactly what the window ranks.</source>
        <translation>엑셀 보고서에는 최종 순위, 단계별 결과와 심사위원별 총점, 평가항목 점수, 투표, 감사 기록이 A4로 인쇄할 수 있게 담깁니다. 화면의 순위와 똑같습니다.</translation>
    </message>
    <message>
        <source>Exporting the report…</source>
        <translation>보고서를 내보내는 중…</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>저장됨: %1</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>보고서를 %1에 저장했습니다</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Settle from the paper</source>
        <translation>평가표 확인 후 확정</translation>
    </message>
    <message>
        <source>blank: no value on the paper</source>
        <translation>비워 두면: 평가표에 값 없음</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>위치</translation>
    </message>
    <message>
        <source>first %1, second %2</source>
        <translation>1차 %1, 2차 %2</translation>
    </message>
    <message>
        <source>Typed</source>
        <translation>입력값</translation>
    </message>
    <message>
        <source>Value on the paper</source>
        <translation>평가표의 값</translation>
    </message>
    <message>
        <source>Checked by</source>
        <translation>확인자</translation>
    </message>
</context>
<context>
    <name>RoundPage</name>
    <message>
        <source>Scores in</source>
        <translation>점수 입력 현황</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>순위</translation>
    </message>
    <message>
        <source>Judge leniency</source>
        <translation>심사위원 경향</translation>
    </message>
    <message>
        <source>Paper sheets</source>
        <translation>종이 평가표</translation>
    </message>
    <message>
        <source>Import score table…</source>
        <translation>점수표 가져오기…</translation>
    </message>
    <message>
        <source>Scores transcribed from paper or another tool: judge_id, case_id, one column per criterion, optional comment</source>
        <translation>종이 심사표나 다른 프로그램에서 옮겨 적은 점수: judge_id, case_id, 평가항목마다 한 열, 선택 comment</translation>
    </message>
    <message>
        <source>Issue judge packages…</source>
        <translation>심사위원 패키지 발급…</translation>
    </message>
    <message>
        <source>Merge returned packages</source>
        <translation>제출된 패키지 병합</translation>
    </message>
    <message>
        <source>Choose package files…</source>
        <translation>패키지 파일 선택…</translation>
    </message>
    <message>
        <source>Choose a folder or USB stick…</source>
        <translation>폴더 또는 USB 선택…</translation>
    </message>
    <message>
        <source>Judge packages are not available in this version yet.</source>
        <translation>이 버전에서는 아직 심사위원 패키지를 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>Close round and advance…</source>
        <translation>심사 마감 및 진출 확정…</translation>
    </message>
    <message>
        <source>Each judge&apos;s totals against the mean of the panel on the same cases, in points. Beyond the dashed lines (5 % of the maximum) a judge counts as lenient or harsh.</source>
        <translation>같은 사례에 대한 분과 평균과 비교한 심사위원별 총점 차이(점). 점선(만점의 5%)을 넘으면 후하거나 엄격한 것으로 봅니다.</translation>
    </message>
    <message>
        <source>Closed. Its scores can no longer change.</source>
        <translation>마감되었습니다. 점수를 더 바꿀 수 없습니다.</translation>
    </message>
    <message>
        <source>Waiting: the cases of this round come from the previous round.</source>
        <translation>대기 중: 이 단계의 사례는 앞 단계에서 진출한 사례입니다.</translation>
    </message>
    <message>
        <source>Open: %1 cases. </source>
        <translation>진행 중: 사례 %1건. </translation>
    </message>
    <message>
        <source>%1 scores missing (red in the grid).</source>
        <translation>점수 %1건이 입력되지 않았습니다 (표에 빨간색).</translation>
    </message>
    <message>
        <source>Every score is in: the round can be closed.</source>
        <translation>모든 점수가 입력되었습니다. 마감할 수 있습니다.</translation>
    </message>
    <message>
        <source>No judge package issued for this round.</source>
        <translation>이 단계에 발급된 심사 패키지가 없습니다.</translation>
    </message>
    <message>
        <source>Judge packages: %1 issued · %2 returned · %3 missing.</source>
        <translation>심사 패키지: %1 발급 · %2 회수 · %3 미회수.</translation>
    </message>
    <message>
        <source>Not returned yet: %1</source>
        <translation>아직 회수되지 않음: %1</translation>
    </message>
    <message>
        <source>The round is closed: no more returns are merged.</source>
        <translation>마감된 단계입니다. 더 이상 회수 패키지를 병합하지 않습니다.</translation>
    </message>
    <message>
        <source>Every case of this round is ranked in the final field.</source>
        <translation>이 단계의 모든 사례가 최종 순위에 오릅니다.</translation>
    </message>
    <message>
        <source>The top %1 go on; the red line is the cut-off.</source>
        <translation>상위 %1건이 진출합니다. 빨간 선이 진출 경계입니다.</translation>
    </message>
    <message>
        <source>The top %1 make the final field; the red line is the cut-off.</source>
        <translation>상위 %1건이 최종 대상이 됩니다. 빨간 선이 경계입니다.</translation>
    </message>
    <message>
        <source>Provisional until the round is closed.</source>
        <translation>마감 전까지는 잠정 순위입니다.</translation>
    </message>
    <message>
        <source>%1 go on because of a tie.</source>
        <translation>동점으로 %1건이 진출합니다.</translation>
    </message>
    <message>
        <source>Import score tables for %1</source>
        <translation>%1 점수표 가져오기</translation>
    </message>
    <message>
        <source>Score tables imported into %1</source>
        <translation>%1 점수표를 가져왔습니다</translation>
    </message>
    <message>
        <source>Folder of returned packages</source>
        <translation>제출된 패키지가 있는 폴더</translation>
    </message>
    <message>
        <source>No judge package (.jpkg) was chosen.</source>
        <translation>선택한 심사위원 패키지(.jpkg)가 없습니다.</translation>
    </message>
    <message>
        <source>Close %1</source>
        <translation>%1 마감</translation>
    </message>
    <message>
        <source>%1 closed: %2 cases go on.</source>
        <translation>%1 마감: %2건이 진출합니다.</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>Edit the setup</source>
        <translation>대회 설정 수정</translation>
    </message>
    <message>
        <source>Keys stay as the contest was created. A criterion&apos;s maximum and step are fixed once it has scores, a round&apos;s rules once it is closed.</source>
        <translation>키는 대회를 만들 때 그대로입니다. 평가항목의 배점과 단위는 점수가 들어오면, 심사 단계의 규칙은 마감되면 바꿀 수 없습니다.</translation>
    </message>
    <message>
        <source>Contest</source>
        <translation>대회</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Criteria</source>
        <translation>평가항목</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>배점</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>단위</translation>
    </message>
    <message>
        <source>Rubric</source>
        <translation>평가 기준</translation>
    </message>
    <message>
        <source>Rounds</source>
        <translation>심사 단계</translation>
    </message>
    <message>
        <source>Aggregate</source>
        <translation>집계 방식</translation>
    </message>
    <message>
        <source>Trim from (judges)</source>
        <translation>최고·최저점 제외 기준 (심사위원 수)</translation>
    </message>
    <message>
        <source>all are ranked</source>
        <translation>전원 순위</translation>
    </message>
    <message>
        <source>Advance</source>
        <translation>진출 수</translation>
    </message>
    <message>
        <source>Final score</source>
        <translation>최종 점수</translation>
    </message>
    <message>
        <source>Expert weight</source>
        <translation>전문가 점수 가중치</translation>
    </message>
    <message>
        <source>Vote weight</source>
        <translation>투표 가중치</translation>
    </message>
    <message>
        <source>Vote points</source>
        <translation>투표 환산 점수</translation>
    </message>
    <message>
        <source>Decimals</source>
        <translation>소수 자릿수</translation>
    </message>
    <message>
        <source>Ties broken by (comma-separated)</source>
        <translation>동점 처리 순서 (쉼표로 구분)</translation>
    </message>
    <message>
        <source>Awards</source>
        <translation>시상</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>사례</translation>
    </message>
    <message>
        <source>Minimum score</source>
        <translation>최저 점수</translation>
    </message>
    <message>
        <source>form</source>
        <translation>입력 양식</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <source>100 × votes ÷ the most votes</source>
        <translation>100 × 득표수 ÷ 최다 득표수</translation>
    </message>
    <message>
        <source>100 × votes ÷ all votes</source>
        <translation>100 × 득표수 ÷ 전체 득표수</translation>
    </message>
    <message>
        <source>Final score</source>
        <translation>최종 점수</translation>
    </message>
    <message>
        <source>Formula</source>
        <translation>계산식</translation>
    </message>
    <message>
        <source>Vote points</source>
        <translation>투표 환산 점수</translation>
    </message>
    <message>
        <source>Decimals</source>
        <translation>소수 자릿수</translation>
    </message>
    <message>
        <source>Ties broken by</source>
        <translation>동점 처리 순서</translation>
    </message>
    <message>
        <source>Edit the setup…</source>
        <translation>설정 수정…</translation>
    </message>
    <message>
        <source>The rules of the contest, first read from its configuration file (TOML). Edit them here: the same rules check them, and what existing scores or closed rounds depend on cannot change.</source>
        <translation>대회 규칙입니다. 처음에는 설정 파일(TOML)에서 읽었으며 여기서 고칠 수 있습니다. 같은 규칙으로 검사하며, 이미 들어온 점수나 마감된 심사 단계가 기대는 값은 바꿀 수 없습니다.</translation>
    </message>
    <message>
        <source>Setup changed: %1</source>
        <translation>설정을 바꾸었습니다: %1</translation>
    </message>
    <message>
        <source>Criteria</source>
        <translation>평가항목</translation>
    </message>
    <message>
        <source>Rounds</source>
        <translation>심사 단계</translation>
    </message>
    <message>
        <source>Awards</source>
        <translation>시상</translation>
    </message>
    <message>
        <source>%1 × expert score (last round) + %2 × vote points</source>
        <translation>%1 × 전문가 점수(마지막 단계) + %2 × 투표 환산 점수</translation>
    </message>
</context>
<context>
    <name>SheetEntryGrid</name>
    <message>
        <source>First entry</source>
        <translation>1차 입력</translation>
    </message>
    <message>
        <source>Second entry</source>
        <translation>2차 입력</translation>
    </message>
    <message>
        <source>Judge</source>
        <translation>심사위원</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>입력 차수</translation>
    </message>
    <message>
        <source>Typed by</source>
        <translation>입력자</translation>
    </message>
    <message>
        <source>Type the sheet as it lies on the desk: Tab goes along a case&apos;s criteria and on to the next case. Each value is saved at once. The other entry&apos;s values are never shown here.</source>
        <translation>평가표를 보이는 그대로 입력하십시오: Tab 키로 한 사례의 항목을 차례로 지나 다음 사례로 넘어갑니다. 값은 입력하는 즉시 저장됩니다. 다른 차수의 입력값은 여기에 보이지 않습니다.</translation>
    </message>
    <message>
        <source>not entered</source>
        <translation>미입력</translation>
    </message>
    <message>
        <source>entered once</source>
        <translation>1회 입력</translation>
    </message>
    <message>
        <source>in dispute</source>
        <translation>불일치</translation>
    </message>
    <message>
        <source>agreed</source>
        <translation>일치</translation>
    </message>
</context>
<context>
    <name>SheetEntryModel</name>
    <message>
        <source>%1 is not a number</source>
        <translation>%1은(는) 숫자가 아닙니다</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>합계</translation>
    </message>
    <message>
        <source>Excluded (conflict of interest): not scored</source>
        <translation>제척 (이해충돌): 채점하지 않음</translation>
    </message>
</context>
<context>
    <name>StepsModel</name>
    <message>
        <source>Setup</source>
        <translation>대회 설정</translation>
    </message>
    <message>
        <source>%1 criteria, %2 rounds</source>
        <translation>평가항목 %1개, 심사 %2단계</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>사례</translation>
    </message>
    <message>
        <source>%1 cases</source>
        <translation>사례 %1건</translation>
    </message>
    <message>
        <source>Judges</source>
        <translation>심사위원</translation>
    </message>
    <message>
        <source>%1 judges</source>
        <translation>심사위원 %1명</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>마감</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>대기</translation>
    </message>
    <message>
        <source>%1 scores missing</source>
        <translation>미입력 점수 %1건</translation>
    </message>
    <message>
        <source>every score in: close it</source>
        <translation>입력 완료: 마감하십시오</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>투표</translation>
    </message>
    <message>
        <source>%1 votes</source>
        <translation>%1표</translation>
    </message>
    <message>
        <source>not imported</source>
        <translation>가져오지 않음</translation>
    </message>
    <message>
        <source>ranked</source>
        <translation>확정</translation>
    </message>
    <message>
        <source>provisional</source>
        <translation>잠정</translation>
    </message>
    <message>
        <source>Final ranking</source>
        <translation>최종 순위</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>보고서</translation>
    </message>
    <message>
        <source>Excel</source>
        <translation>엑셀</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>감사 기록</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>%1건</translation>
    </message>
    <message>
        <source>Packages %1 issued · %2 returned · %3 missing</source>
        <translation>패키지 %1 발급 · %2 회수 · %3 미회수</translation>
    </message>
    <message>
        <source>import a table</source>
        <translation>표를 가져오십시오</translation>
    </message>
</context>
<context>
    <name>VotesPage</name>
    <message>
        <source>Filter by ID, title, organisation…</source>
        <translation>번호, 제목, 기관으로 검색…</translation>
    </message>
    <message>
        <source>Import votes…</source>
        <translation>투표 가져오기…</translation>
    </message>
    <message>
        <source>Citizens&apos; votes</source>
        <translation>시민 투표</translation>
    </message>
    <message>
        <source>Columns of the table: case_id, votes. Only the votes of the cases in the final field (✓) count; the others are kept. Importing again replaces a case&apos;s votes.</source>
        <translation>표의 열: case_id, votes. 최종 대상(✓) 사례의 투표만 점수에 반영되고 나머지는 보관만 합니다. 다시 가져오면 사례의 득표수가 바뀝니다.</translation>
    </message>
    <message>
        <source>%1 votes in all</source>
        <translation>총 %1표</translation>
    </message>
    <message>
        <source>Import votes</source>
        <translation>투표 가져오기</translation>
    </message>
    <message>
        <source>Votes imported from %1</source>
        <translation>%1에서 투표를 가져왔습니다</translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <source>%1: %2 rows, %3 new, %4 changed</source>
        <translation>%1: %2행, 새로 %3건, 변경 %4건</translation>
    </message>
    <message>
        <source>%1: package of %2 %3, revision %4: %5 scores, %6 new, %7 changed</source>
        <translation>%1: %2 %3 심사위원 패키지, %4차 제출: 점수 %5개, 새로 %6건, 변경 %7건</translation>
    </message>
</context>
</TS>
