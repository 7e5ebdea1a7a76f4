; Inno Setup script of the Windows installer (packaging/README.md). Build the app first, on Windows:
;   .venv\Scripts\pyinstaller --noconfirm --distpath dist packaging\judging-app.spec
; then, from the source tree's root:
;   iscc /DAppVersion=0.1.0 packaging\windows\judging-app.iss
; which writes dist\judging-app-setup-0.1.0.exe. (This file is UTF-8 with a BOM, which Inno Setup needs
; to read its Korean texts.) The installer puts the one-folder app in Program
; Files (or, without administrator rights, in the user's programs folder), adds the Start menu and
; an optional desktop shortcut, and opens .jdb and .jpkg files with the app.

#ifndef AppVersion
  #error Give the version: iscc /DAppVersion=X.Y.Z packaging\windows\judging-app.iss
#endif
#define Root "..\.."
#define AppExe "judging-app-window.exe"
#define Icons "{app}\_internal\judging_app\resources\icons"

[Setup]
AppId={{6E0B7A52-3C1D-4F7B-9B6A-1F5C2D8E4A90}
AppName=judging-app
AppVerName=심사 관리 (judging-app) {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=judging-app
DefaultDirName={autopf}\judging-app
DefaultGroupName=심사 관리
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir={#Root}\dist
OutputBaseFilename=judging-app-setup-{#AppVersion}
SetupIconFile={#Root}\judging_app\resources\icons\judging-app.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "korean"; MessagesFile: "compiler:Languages\Korean.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
korean.AppName=심사 관리
english.AppName=Contest judging
korean.JudgePackage=심사위원 패키지
english.JudgePackage=Judge package
korean.ContestDatabase=대회 데이터베이스
english.ContestDatabase=Contest database

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#Root}\dist\judging-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{cm:AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{cm:AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .jpkg: a judge package opens in the judge's window
Root: HKA; Subkey: "Software\Classes\.jpkg"; ValueType: string; ValueName: ""; ValueData: "JudgingApp.JudgePackage"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\JudgingApp.JudgePackage"; ValueType: string; ValueName: ""; ValueData: "{cm:JudgePackage}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\JudgingApp.JudgePackage\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{#Icons}\judge-package.ico"
Root: HKA; Subkey: "Software\Classes\JudgingApp.JudgePackage\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" open ""%1"""
; .jdb: a contest database opens in the secretariat's window
Root: HKA; Subkey: "Software\Classes\.jdb"; ValueType: string; ValueName: ""; ValueData: "JudgingApp.ContestDatabase"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\JudgingApp.ContestDatabase"; ValueType: string; ValueName: ""; ValueData: "{cm:ContestDatabase}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\JudgingApp.ContestDatabase\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{#Icons}\contest-database.ico"
Root: HKA; Subkey: "Software\Classes\JudgingApp.ContestDatabase\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" open ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{cm:AppName}}"; Flags: nowait postinstall skipifsilent
