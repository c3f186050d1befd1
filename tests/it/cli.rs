//! The headless commands, run as a person would from a terminal.

use std::process::Command;

use super::common::agora;

#[test]
fn demo_check_backup_export_restore() {
    // Exports go outside the data folder: Agora refuses them inside it.
    let exports = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = agora(dir.path(), &["demo"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("250 contacts"));

    let out = agora(dir.path(), &["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(stdout.contains("La base est saine."), "{stdout}");
    assert!(stdout.contains(&format!(
        "Version du schéma : {}",
        agora::store::schema_version()
    )));

    // A second demo in a non-empty store is refused.
    assert!(!agora(dir.path(), &["demo"]).status.success());

    let pdf = exports.path().join("note.pdf");
    let out = agora(
        dir.path(),
        &["export", "synthesis", "1", "--out", pdf.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));

    let out = agora(dir.path(), &["backup"]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let path = stdout.trim().rsplit(' ').next().unwrap().to_string();
    assert!(std::path::Path::new(&path).exists(), "{stdout}");

    let out = agora(dir.path(), &["restore", &path]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(agora(dir.path(), &["check"]).status.success());
}

#[test]
fn data_dir_is_accepted_before_the_command_too() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_agora"))
        .arg("--data-dir")
        .arg(dir.path())
        .arg("demo")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(dir.path().join("agora.sqlite").exists());
}

#[test]
fn check_fails_with_the_reason_on_a_refused_store() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("agora.sqlite"), "ceci n'est pas une base").unwrap();
    let out = agora(dir.path(), &["check"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("n\u{2019}est pas une base Agora"),
        "{stderr}"
    );
}

#[test]
fn help_lists_the_commands_and_unknown_ones_fail() {
    let out = Command::new(env!("CARGO_BIN_EXE_agora"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for command in [
        "demo",
        "check",
        "backup",
        "restore",
        "export synthesis",
        "export minutes",
        "export attendance",
        "meetings list",
        "convention list",
        "convention ics",
        "export followup",
        "export rules",
        "proposals import-followup",
        "--data-dir",
    ] {
        assert!(help.contains(command), "{command}");
    }
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(agora(dir.path(), &["frobnicate"]).status.code(), Some(2));
}

#[test]
fn meetings_are_listed_and_their_documents_exported() {
    // Exports go outside the data folder: Agora refuses them inside it.
    let exports = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    assert!(agora(dir.path(), &["demo"]).status.success());
    let out = agora(dir.path(), &["meetings", "list", "--convention", "1"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(stdout.contains("12 réunion(s)."), "{stdout}");
    assert!(
        stdout.contains(
            "Séance 2 — Auditions : énergie et logement · 36 présent(s) sur 40 · compte rendu verrouillé"
        ),
        "{stdout}"
    );
    let none = agora(dir.path(), &["meetings", "list", "--convention", "9"]);
    assert!(String::from_utf8_lossy(&none.stdout).contains("0 réunion(s)."));

    for (which, file, expected) in [
        ("minutes", "cr.pdf", "Compte rendu — fichier écrit"),
        (
            "attendance",
            "emargement.pdf",
            "Feuille d\u{2019}émargement — fichier écrit",
        ),
    ] {
        let pdf = exports.path().join(file);
        let out = agora(
            dir.path(),
            &["export", which, "2", "--out", pdf.to_str().unwrap()],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains(expected));
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    }
    // An unknown meeting writes nothing and says so.
    let missing = exports.path().join("rien.pdf");
    let out = agora(
        dir.path(),
        &[
            "export",
            "minutes",
            "99",
            "--out",
            missing.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("réunion n° 99"));
    assert!(!missing.exists());
}

#[test]
fn conventions_listed_calendar_and_followup_from_the_command_line() {
    // Exports go outside the data folder: Agora refuses them inside it.
    let exports = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    assert!(agora(dir.path(), &["demo"]).status.success());
    let out = agora(dir.path(), &["convention", "list"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Convention citoyenne pour le climat"),
        "{stdout}"
    );
    assert!(stdout.contains("1 convention(s)."));

    let ics = exports.path().join("climat.ics");
    let out = agora(
        dir.path(),
        &["convention", "ics", "1", "--out", ics.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&ics)
            .unwrap()
            .matches("BEGIN:VEVENT")
            .count(),
        6
    );

    // A malformed follow-up: refused, lines named, nothing applied.
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "numéro;statut;avancement\n1;acceptée;150\n2;inventé;10\n",
    )
    .unwrap();
    let out = agora(
        dir.path(),
        &["proposals", "import-followup", "1", bad.to_str().unwrap()],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let fr = agora::domain::text::typography;
    assert!(
        stderr.contains(&fr("Ligne 2 : avancement « 150 »")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&fr("Ligne 3 : statut « inventé » inconnu")),
        "{stderr}"
    );
    assert!(stderr.contains("Rien n\u{2019}a été appliqué"), "{stderr}");

    let good = dir.path().join("suivi.csv");
    std::fs::write(
        &good,
        "numéro;statut;avancement;réponse\n3;réalisée;100;Abords piétonnisés\n",
    )
    .unwrap();
    let dry = agora(
        dir.path(),
        &[
            "proposals",
            "import-followup",
            "1",
            good.to_str().unwrap(),
            "--dry-run",
        ],
    );
    assert!(dry.status.success());
    assert!(String::from_utf8_lossy(&dry.stdout).contains("rien n\u{2019}a été appliqué"));
    let out = agora(
        dir.path(),
        &["proposals", "import-followup", "1", good.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 proposition(s) mises à jour."));

    let rules = exports.path().join("regles.pdf");
    let out = agora(
        dir.path(),
        &["export", "rules", "1", "--out", rules.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(&rules).unwrap().starts_with(b"%PDF"));
    // A convention without rules: a clear refusal, no file.
    let none = exports.path().join("rien.pdf");
    let out = agora(
        dir.path(),
        &["export", "rules", "7", "--out", none.to_str().unwrap()],
    );
    assert!(!out.status.success());
    assert!(!none.exists());

    let pdf = exports.path().join("suivi.pdf");
    let out = agora(
        dir.path(),
        &["export", "followup", "1", "--out", pdf.to_str().unwrap()],
    );
    assert!(out.status.success());
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
}
