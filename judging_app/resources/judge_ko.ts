<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>CaseList</name>
    <message>
        <source>Find a case by number or title</source>
        <translation>번호나 제목으로 찾기</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>모든 사례</translation>
    </message>
    <message>
        <source>To score</source>
        <translation>채점할 사례</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>채점 완료</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>이해충돌</translation>
    </message>
</context>
<context>
    <name>CaseRowsModel</name>
    <message>
        <source>No.</source>
        <translation>번호</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>합계</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>의견</translation>
    </message>
    <message>
        <source>Same organisation: %1</source>
        <translation>소속 기관 같음: %1</translation>
    </message>
    <message>
        <source>Conflict declared: %1</source>
        <translation>이해충돌 신고: %1</translation>
    </message>
</context>
<context>
    <name>CaseStatus</name>
    <message>
        <source>Not started</source>
        <translation>미채점</translation>
    </message>
    <message>
        <source>Partly scored</source>
        <translation>일부 채점</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>이해충돌</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Declare a conflict of interest</source>
        <translation>이해충돌 신고</translation>
    </message>
    <message>
        <source>If you have an interest in this case (you advised on it, you work with its organisation, a relative is involved…), declare it: you will not score the case, and the secretariat sees your reason.</source>
        <translation>이 사례와 이해관계가 있으면(자문에 참여했거나, 해당 기관과 함께 일하거나, 가족이 관련되어 있는 등) 신고하십시오. 이 사례는 채점하지 않으며, 사무국은 신고 사유를 봅니다.</translation>
    </message>
    <message>
        <source>The reason, e.g. I advised this project in 2024</source>
        <translation>사유 (예: 2024년에 이 사업의 자문위원으로 참여함)</translation>
    </message>
    <message>
        <source>The scores you entered for this case will be removed: %1.</source>
        <translation>이 사례에 입력한 점수는 지워집니다: %1.</translation>
    </message>
    <message>
        <source>Declare the conflict</source>
        <translation>이해충돌 신고</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>DigestDialog</name>
    <message>
        <source>Digest to read aloud and to compare with your score sheet:</source>
        <translation>소리 내어 읽고 채점표와 대조할 확인 코드:</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>나중에</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
</context>
<context>
    <name>JudgeChooser</name>
    <message>
        <source>Open a judge package</source>
        <translation>심사위원 패키지 열기</translation>
    </message>
    <message>
        <source>Judge package (*.jpkg)</source>
        <translation>심사위원 패키지 (*.jpkg)</translation>
    </message>
    <message>
        <source>Save a copy for the secretariat</source>
        <translation>사무국 제출용 사본 저장</translation>
    </message>
</context>
<context>
    <name>JudgeEntry</name>
    <message>
        <source>Open a judge package…</source>
        <translation>심사위원 패키지 열기…</translation>
    </message>
    <message>
        <source>For judges: the .jpkg file the secretariat gave you, and its PIN</source>
        <translation>심사위원용: 사무국에서 받은 .jpkg 파일과 PIN으로 엽니다</translation>
    </message>
    <message>
        <source>Judge package: %1 · %2</source>
        <translation>심사위원 패키지: %1 · %2</translation>
    </message>
</context>
<context>
    <name>JudgeMenus</name>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open another package…</source>
        <translation>다른 패키지 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save a copy for the secretariat…</source>
        <translation>사무국 제출용 사본 저장(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>닫기(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Cases</source>
        <translation>사례(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Next case</source>
        <translation>다음 사례(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous case</source>
        <translation>이전 사례(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Overview of my scores</source>
        <translation>내 점수 한눈에 보기(&amp;O)</translation>
    </message>
    <message>
        <source>Su&amp;bmit…</source>
        <translation>제출(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Larger text</source>
        <translation>글자 크게(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Smaller text</source>
        <translation>글자 작게(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
</context>
<context>
    <name>JudgeOpener</name>
    <message>
        <source>Open a judge package</source>
        <translation>심사위원 패키지 열기</translation>
    </message>
</context>
<context>
    <name>JudgeWindow</name>
    <message>
        <source>Score the cases</source>
        <translation>사례 채점</translation>
    </message>
    <message>
        <source>Overview of my scores</source>
        <translation>내 점수 한눈에 보기</translation>
    </message>
    <message>
        <source>Unlock the package with your PIN to begin.</source>
        <translation>PIN으로 패키지를 열면 시작합니다.</translation>
    </message>
    <message>
        <source>Every entry is saved the moment you type it.</source>
        <translation>입력하는 즉시 저장됩니다.</translation>
    </message>
    <message>
        <source>Saved at %1</source>
        <translation>%1에 저장됨</translation>
    </message>
    <message>
        <source>Every case is scored: check the overview, then Submit…</source>
        <translation>모든 사례를 채점했습니다. 한눈에 보기에서 확인한 뒤 [제출…]을 누르십시오.</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>제출 완료</translation>
    </message>
    <message>
        <source>Your scores are signed and submitted as revision %1. Now save a copy for the secretariat (on the USB stick they gave you).</source>
        <translation>점수에 서명하여 수정본 %1(으)로 제출했습니다. 이제 사무국 제출용 사본을 (사무국이 준 USB 메모리에) 저장하십시오.</translation>
    </message>
    <message>
        <source>Save a copy for the secretariat…</source>
        <translation>사무국 제출용 사본 저장…</translation>
    </message>
    <message>
        <source>Saving and checking the copy…</source>
        <translation>사본을 저장하고 확인하는 중…</translation>
    </message>
    <message>
        <source>Save a copy for the secretariat</source>
        <translation>사무국 제출용 사본 저장</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 저장함</translation>
    </message>
    <message>
        <source>Saved for the secretariat</source>
        <translation>사무국 제출용 사본 저장 완료</translation>
    </message>
    <message>
        <source>Saved %1 in %2 (revision %3). It was read back and verified: hand it to the secretariat.</source>
        <translation>%2에 %1(수정본 %3)을(를) 저장했습니다. 저장한 파일을 다시 읽어 확인했습니다. 사무국에 전달하십시오.</translation>
    </message>
    <message>
        <source>Amend</source>
        <translation>수정</translation>
    </message>
    <message>
        <source>Reopen your scores to change them? Your next submission will be revision %1, and you will need to save a new copy for the secretariat.</source>
        <translation>점수를 고치기 위해 다시 여시겠습니까? 다음 제출은 수정본 %1이(가) 되며, 사무국 제출용 사본도 새로 저장해야 합니다.</translation>
    </message>
    <message>
        <source>Reopen my scores</source>
        <translation>점수 다시 열기</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Your scores are open for changes again.</source>
        <translation>점수를 다시 고칠 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>KeyHints</name>
    <message>
        <source>%1 next criterion</source>
        <translation>%1 다음 항목</translation>
    </message>
    <message>
        <source>%1 or %2 next case</source>
        <translation>%1 또는 %2 다음 사례</translation>
    </message>
    <message>
        <source>%1 previous case</source>
        <translation>%1 이전 사례</translation>
    </message>
    <message>
        <source>%1 / %2 text size</source>
        <translation>%1 / %2 글자 크기</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Every case assigned to you with your scores. Click a column&apos;s title to sort by it and check that your order is the one you meant; double-click a case (or press Enter) to go back to it.</source>
        <translation>배정된 모든 사례와 내 점수입니다. 열 제목을 누르면 그 열로 정렬되니, 순서가 의도한 대로인지 확인하십시오. 사례를 두 번 누르거나 Enter를 누르면 그 사례로 돌아갑니다.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Unlock the package</source>
        <translation>패키지 열기</translation>
    </message>
    <message>
        <source>Type the PIN printed on your PIN slip (%1 digits).</source>
        <translation>PIN 안내문에 인쇄된 PIN(숫자 %1자리)을 입력하십시오.</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>열기</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Tries left before you must wait: %1.</source>
        <translation>기다리지 않고 시도할 수 있는 횟수: %1번.</translation>
    </message>
    <message>
        <source>Too many wrong PINs: try again in %1 s.</source>
        <translation>PIN이 여러 번 틀렸습니다. %1초 뒤에 다시 시도하십시오.</translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>이제 다시 시도할 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>PledgePage</name>
    <message>
        <source>Integrity pledge</source>
        <translation>청렴 서약</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>성명</translation>
    </message>
    <message>
        <source>I have read the pledge and I agree to keep it</source>
        <translation>서약 내용을 읽었으며 이를 지킬 것에 동의합니다</translation>
    </message>
    <message>
        <source>Sign the pledge</source>
        <translation>서약하기</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Review and submit</source>
        <translation>검토 후 제출</translation>
    </message>
    <message>
        <source>Check every score and comment before you sign.</source>
        <translation>서명하기 전에 모든 점수와 의견을 확인하십시오.</translation>
    </message>
    <message>
        <source>%1 of %2 cases complete; %3 with a conflict of interest.</source>
        <translation>채점 완료 %1건 / %2건, 이해충돌 %3건.</translation>
    </message>
    <message>
        <source>Integrity pledge signed by %1 (%2).</source>
        <translation>청렴 서약: %1 (%2 서명).</translation>
    </message>
    <message>
        <source>You cannot submit yet. Cases not fully scored (%1): %2. Double-click a case to go to it.</source>
        <translation>아직 제출할 수 없습니다. 채점을 마치지 않은 사례(%1건): %2. 사례를 두 번 누르면 그 사례로 갑니다.</translation>
    </message>
    <message>
        <source>Signing seals these scores as revision %1. You can still amend them afterwards (a new revision).</source>
        <translation>서명하면 이 점수가 수정본 %1(으)로 봉인됩니다. 제출한 뒤에도 고칠 수 있습니다(새 수정본).</translation>
    </message>
    <message>
        <source>Sign and submit</source>
        <translation>서명하고 제출</translation>
    </message>
    <message>
        <source>Back to scoring</source>
        <translation>채점으로 돌아가기</translation>
    </message>
</context>
<context>
    <name>ScoreEntry</name>
    <message>
        <source>out of %1, in steps of %2</source>
        <translation>최대 %1점, %2점 단위</translation>
    </message>
</context>
<context>
    <name>ScorePanel</name>
    <message>
        <source>Comment (optional)</source>
        <translation>의견 (선택)</translation>
    </message>
    <message>
        <source>What the secretariat should know about this case</source>
        <translation>이 사례에 대해 사무국이 알아야 할 점</translation>
    </message>
    <message>
        <source>Submitted: the scores are read-only. Choose Amend… to change them.</source>
        <translation>제출함: 점수를 고칠 수 없습니다. 고치려면 [수정…]을 누르십시오.</translation>
    </message>
    <message>
        <source>Conflict of interest…</source>
        <translation>이해충돌 신고…</translation>
    </message>
    <message>
        <source>Withdraw the conflict</source>
        <translation>이해충돌 신고 철회</translation>
    </message>
    <message>
        <source>Excluded automatically (same organisation: %1). No score is needed.</source>
        <translation>소속 기관이 같아 자동으로 제척되었습니다(%1). 채점하지 않습니다.</translation>
    </message>
    <message>
        <source>You declared a conflict of interest: %1. No score is needed.</source>
        <translation>이해충돌을 신고했습니다: %1. 채점하지 않습니다.</translation>
    </message>
    <message>
        <source>Total %1 / %2</source>
        <translation>합계 %1 / %2</translation>
    </message>
    <message>
        <source>(%1 of %2 criteria scored)</source>
        <translation>(%2개 항목 중 %1개 채점)</translation>
    </message>
    <message>
        <source>(every criterion scored)</source>
        <translation>(모든 항목 채점)</translation>
    </message>
</context>
<context>
    <name>ScoringPage</name>
    <message>
        <source>Excluded automatically (same organisation: %1): no score is needed.</source>
        <translation>소속 기관이 같아 자동으로 제척된 사례입니다(%1). 채점하지 않습니다.</translation>
    </message>
    <message>
        <source>You declared a conflict of interest (%1): no score is needed.</source>
        <translation>이해충돌을 신고한 사례입니다(%1). 채점하지 않습니다.</translation>
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
        <source>Summary</source>
        <translation>요약</translation>
    </message>
    <message>
        <source>Case %1 is partly scored: %2 still to score.</source>
        <translation>사례 %1은(는) 일부만 채점했습니다. 남은 항목: %2.</translation>
    </message>
    <message>
        <source>This is the last case of the list.</source>
        <translation>목록의 마지막 사례입니다.</translation>
    </message>
    <message>
        <source>This is the first case of the list.</source>
        <translation>목록의 첫 사례입니다.</translation>
    </message>
</context>
<context>
    <name>SessionHeader</name>
    <message>
        <source>Judge %1</source>
        <translation>심사위원 %1</translation>
    </message>
    <message>
        <source>Submit…</source>
        <translation>제출…</translation>
    </message>
    <message>
        <source>Amend…</source>
        <translation>수정…</translation>
    </message>
    <message>
        <source>Save a copy for the secretariat…</source>
        <translation>사무국 제출용 사본 저장…</translation>
    </message>
    <message>
        <source>%1 of %2 cases complete</source>
        <translation>%2건 중 %1건 채점 완료</translation>
    </message>
    <message>
        <source>Submitted: revision %1 · %2</source>
        <translation>제출함: 수정본 %1 · %2</translation>
    </message>
    <message>
        <source>Draft: not submitted yet</source>
        <translation>작성 중: 아직 제출하지 않음</translation>
    </message>
    <message>
        <source>Amending: revision %1 not submitted yet</source>
        <translation>수정 중: 수정본 %1 아직 제출하지 않음</translation>
    </message>
</context>
</TS>
