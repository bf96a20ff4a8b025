; Inno Setup script: a Windows installer for the one-folder bundle that `pyinstaller
; briefing.spec` makes in dist\briefing on Windows. UNTESTED here (built on Linux only):
; see README, "Windows and macOS".
;
;   iscc /DAppVersion=0.1.0 packaging\windows\briefing.iss
;
; Installs per user by default (no administrator rights), adds a Start-menu entry and an
; optional desktop icon, and removes everything it installed on uninstall. The archive and
; settings in %LOCALAPPDATA%\Briefing are the user's data and stay.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{8B0E1C5A-7F1D-4C8E-9D39-3F6B2C1A9E41}
AppName=Briefing
AppVersion={#AppVersion}
AppPublisher=The Briefing developers
AppComments=A desktop reader for market news
DefaultDirName={autopf}\Briefing
DefaultGroupName=Briefing
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=Briefing-{#AppVersion}-setup
SetupIconFile=briefing.ico
UninstallDisplayIcon={app}\briefing.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\briefing\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Briefing"; Filename: "{app}\briefing.exe"
Name: "{group}\Uninstall Briefing"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Briefing"; Filename: "{app}\briefing.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\briefing.exe"; Description: "{cm:LaunchProgram,Briefing}"; Flags: nowait postinstall skipifsilent
