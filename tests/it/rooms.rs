//! The rooms of `DESIGN.md` and the one direction between them, checked on the source:
//! each room names (`crate::room`) only the rooms it may depend on, so that no cycle
//! can come back unnoticed.

use std::path::Path;

/// Each room and the rooms it may use. `assets` (embedded fonts and reference data)
/// serves everyone.
const ALLOWED: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("diagnostics", &["files"]),
    ("import", &["domain"]),
    ("report", &["domain"]),
    ("store", &["domain", "import", "files"]),
    ("export", &["domain", "import", "report", "store", "files"]),
    (
        "ui",
        &["domain", "import", "report", "store", "export", "files"],
    ),
];

const ROOMS: &[&str] = &[
    "domain",
    "import",
    "report",
    "store",
    "export",
    "ui",
    "cli",
    "files",
    "diagnostics",
];

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_room_uses_only_the_rooms_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut broken = Vec::new();
    for (room, allowed) in ALLOWED {
        let mut files = Vec::new();
        let folder = src.join(room);
        if folder.is_dir() {
            sources(&folder, &mut files);
        } else {
            files.push(src.join(format!("{room}.rs")));
        }
        assert!(!files.is_empty(), "no source in src/{room}");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                for (i, _) in line.match_indices("crate::") {
                    let name: String = line[i + "crate::".len()..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if ROOMS.contains(&name.as_str())
                        && name != *room
                        && !allowed.contains(&name.as_str())
                    {
                        broken.push(format!(
                            "{}:{}: {room} uses {name}",
                            file.strip_prefix(&src).unwrap().display(),
                            n + 1
                        ));
                    }
                }
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}
