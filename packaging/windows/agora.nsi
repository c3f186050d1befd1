; Agora's Windows installer (NSIS, makensis). Built by packaging/build.sh windows:
;   makensis -DVERSION=0.1.0 -DEXE=path\to\agora.exe -DOUT=dist\Agora-0.1.0-setup.exe
; In French; per user, without administrator rights, into
; %LOCALAPPDATA%\Programs\Agora; Start-menu shortcut, desktop shortcut if chosen;
; an uninstaller in « Applications et fonctionnalités » that keeps the person's data
; (%APPDATA%\Agora) unless its box is ticked; /S installs or uninstalls silently.
; Installing over an older version replaces the program and keeps the data: the
; store migrates itself, after a backup, on its first start.

; A 64-bit installer: Agora itself is 64-bit only, and Wine without its 32-bit
; half (the usual Debian install) runs it.
Target amd64-unicode
!include "MUI2.nsh"

!ifndef VERSION
  !error "VERSION is required"
!endif
!ifndef EXE
  !error "EXE is required"
!endif
!ifndef OUT
  !define OUT "Agora-${VERSION}-setup.exe"
!endif

Name "Agora"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\Agora"
InstallDirRegKey HKCU "Software\Agora" "InstallDir"
RequestExecutionLevel user
SetCompressor /SOLID lzma
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1036 "ProductName" "Agora"
VIAddVersionKey /LANG=1036 "CompanyName" "Mission Démocratie locale"
VIAddVersionKey /LANG=1036 "FileDescription" "Installation d'Agora"
VIAddVersionKey /LANG=1036 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "LegalCopyright" "EUPL-1.2"

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Agora"
!define MUI_ICON "agora.ico"
!define MUI_UNICON "agora.ico"
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_UNCOMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\agora.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Ouvrir Agora"
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "French"

Section "Agora (obligatoire)" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "/oname=agora.exe" "${EXE}"
  File "agora.ico"
  File "${LICENCES}/LICENCE.txt"
  File "${LICENCES}/LICENCE-polices.txt"
  WriteUninstaller "$INSTDIR\desinstaller.exe"
  CreateShortCut "$SMPROGRAMS\Agora.lnk" "$INSTDIR\agora.exe" "" "$INSTDIR\agora.ico"
  WriteRegStr HKCU "Software\Agora" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "Agora"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Mission Démocratie locale"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\agora.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\desinstaller.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\desinstaller.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Raccourci sur le bureau" SecDesktop
  CreateShortCut "$DESKTOP\Agora.lnk" "$INSTDIR\agora.exe" "" "$INSTDIR\agora.ico"
SectionEnd

Section "un.Agora (le programme)" UnSecProgram
  SectionIn RO
  Delete "$INSTDIR\agora.exe"
  Delete "$INSTDIR\agora.ico"
  Delete "$INSTDIR\LICENCE.txt"
  Delete "$INSTDIR\LICENCE-polices.txt"
  Delete "$INSTDIR\desinstaller.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\Agora.lnk"
  Delete "$DESKTOP\Agora.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\Agora"
SectionEnd

; Unticked by default: the person's data stays unless asked for.
Section /o "un.Supprimer aussi mes données (base, sauvegardes, exports)" UnSecData
  RMDir /r "$APPDATA\Agora"
SectionEnd
