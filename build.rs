//! On Windows, embeds Agora's icon and version information in `agora.exe` (its file
//! properties show « Agora », the version and « Mission Démocratie locale »). The
//! resource is compiled with MinGW's `windres` (`WINDRES` names another one); without
//! it the build goes on and says so. Other targets: nothing to do.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=packaging/windows/agora.ico");
    println!("cargo:rerun-if-env-changed=WINDRES");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let mut numbers: Vec<String> = version
        .split(['.', '-'])
        .take(3)
        .map(|n| n.parse::<u16>().unwrap_or(0).to_string())
        .collect();
    numbers.resize(4, "0".into());
    let numeric = numbers.join(",");
    let icon = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default())
        .join("packaging/windows/agora.ico");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    let rc = out.join("agora.rc");
    let script = format!(
        r#"#pragma code_page(65001)
1 ICON "{icon}"
1 VERSIONINFO
FILEVERSION {numeric}
PRODUCTVERSION {numeric}
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "040C04B0"
    BEGIN
      VALUE "CompanyName", "Mission Démocratie locale"
      VALUE "FileDescription", "Agora"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "agora"
      VALUE "LegalCopyright", "EUPL-1.2"
      VALUE "OriginalFilename", "agora.exe"
      VALUE "ProductName", "Agora"
      VALUE "ProductVersion", "{version}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x040C, 1200
  END
END
"#,
        icon = icon.display().to_string().replace('\\', "/"),
    );
    if let Err(e) = std::fs::write(&rc, script) {
        println!("cargo:warning=resource script not written: {e}");
        return;
    }
    let object = out.join("agora-resources.o");
    let windres = std::env::var("WINDRES").unwrap_or_else(|_| "x86_64-w64-mingw32-windres".into());
    match Command::new(&windres)
        .arg("--input")
        .arg(&rc)
        .arg("--output-format=coff")
        .arg("--output")
        .arg(&object)
        .status()
    {
        Ok(s) if s.success() => {
            println!("cargo:rustc-link-arg-bins={}", object.display());
        }
        Ok(s) => println!("cargo:warning={windres} failed ({s}): agora.exe has no icon"),
        Err(e) => println!("cargo:warning={windres} not found ({e}): agora.exe has no icon"),
    }
}
