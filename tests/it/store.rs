//! The store on real files: creation and reopening, the four refusals (file left
//! byte-for-byte unchanged), a failing migration, the single-instance lock, a crash
//! during writes, backup and restore next to a stale WAL, the demo's determinism.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use agora::domain::ids::{ConventionId, MeetingId};
use agora::store::{self, ContactFilter, Store, StoreError, schema};

fn db_in(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join(store::DB_FILE)
}

fn demo_store(dir: &tempfile::TempDir) -> PathBuf {
    let db = db_in(dir);
    let mut s = Store::open(&db).unwrap();
    s.load_demo().unwrap();
    s.close().unwrap();
    db
}

#[test]
fn create_reopen_and_find_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_store(&dir);
    let s = Store::open(&db).unwrap();
    assert_eq!(s.user_version().unwrap(), schema::MIGRATIONS.len() as i64);
    assert_eq!(
        s.convention(ConventionId(1)).unwrap().title,
        "Convention citoyenne pour le climat"
    );
    assert_eq!(
        s.meeting(MeetingId(1)).unwrap().title,
        "Séance 1 — Accueil et enjeux climatiques"
    );
    assert!(s.check().unwrap().healthy());
    assert!(s.settings().unwrap().welcomed);
    // The close after loading the demo left a verified backup.
    assert_eq!(
        store::backup::list_backups(&s.backup_dir()).unwrap().len(),
        1
    );
}

fn assert_refused(path: &Path, expect: impl Fn(&StoreError) -> bool) {
    let before = std::fs::read(path).unwrap();
    let err = Store::open(path).err().expect("the file must be refused");
    assert!(expect(&err), "unexpected error: {err:?}");
    assert!(err.to_string().contains("n'a pas été modifié"), "{err}");
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "the refused file changed"
    );
}

#[test]
fn text_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    std::fs::write(&db, "nom;prénom\nMartin;Hélène\n").unwrap();
    assert_refused(&db, |e| matches!(e, StoreError::NotSqlite(_)));
}

#[test]
fn another_programs_sqlite_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(&dir);
    let other = rusqlite::Connection::open(&db).unwrap();
    other
        .execute_batch(
            "CREATE TABLE recettes (nom TEXT); INSERT INTO recettes VALUES ('gratin dauphinois');",
        )
        .unwrap();
    drop(other);
    assert_refused(&db, |e| matches!(e, StoreError::ForeignFile(_)));
}

#[test]
fn corrupt_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_store(&dir);
    let mut bytes = std::fs::read(&db).unwrap();
    for b in &mut bytes[4096 * 2..4096 * 6] {
        *b = 0xAB;
    }
    std::fs::write(&db, &bytes).unwrap();
    assert_refused(&db, |e| matches!(e, StoreError::Corrupt { .. }));
}

#[test]
fn file_from_a_newer_agora_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_store(&dir);
    let c = rusqlite::Connection::open(&db).unwrap();
    c.pragma_update(None, "user_version", 99).unwrap();
    drop(c);
    assert_refused(&db, |e| matches!(e, StoreError::TooNew { found: 99, .. }));
}

#[test]
fn failing_migration_leaves_file_and_version_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_store(&dir);
    let before = std::fs::read(&db).unwrap();
    let mut broken: Vec<&str> = schema::MIGRATIONS.to_vec();
    broken.push("CREATE TABLE ajout (x INTEGER); CREATE TABLE incomplete (;");
    let err = Store::open_with(&db, &broken)
        .err()
        .expect("the migration must fail");
    assert!(
        matches!(err, StoreError::Migration { version, .. } if version == schema::MIGRATIONS.len() + 1),
        "{err:?}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
    let s = Store::open(&db).unwrap();
    assert_eq!(s.user_version().unwrap(), schema::MIGRATIONS.len() as i64);
    assert!(s.check().unwrap().healthy());
    // A verified backup was taken before trying.
    let backups = store::backup::list_backups(&s.backup_dir()).unwrap();
    assert!(
        backups
            .iter()
            .any(|(_, p)| p.to_string_lossy().contains("avant-migration"))
    );
}

fn agora(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_agora"));
    c.arg("--data-dir").arg(dir);
    c
}

/// Starts a child writing journal entries one transaction at a time; returns it once
/// it has committed its first write. The child is this test binary running
/// [`probe_writer`], so the release binary carries no diagnostic command.
fn writer(
    dir: &Path,
    delay_ms: u32,
) -> (std::process::Child, BufReader<std::process::ChildStdout>) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "store::probe_writer", "--ignored", "--nocapture"])
        .env("AGORA_PROBE_DB", db_path(dir))
        .env("AGORA_PROBE_DELAY_MS", delay_ms.to_string())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    assert_eq!(next_number(&mut out), 0);
    (child, out)
}

fn db_path(dir: &Path) -> PathBuf {
    dir.join(store::DB_FILE)
}

/// The next committed number the writer printed (the test harness's own lines are
/// skipped).
fn next_number(out: &mut BufReader<std::process::ChildStdout>) -> i64 {
    let mut line = String::new();
    loop {
        line.clear();
        assert!(out.read_line(&mut line).unwrap() > 0, "the writer stopped");
        if let Ok(n) = line.trim().parse() {
            return n;
        }
    }
}

/// The writer of the crash tests, run only as their child (`AGORA_PROBE_DB` set):
/// appends journal entries one transaction at a time and prints each committed
/// number, pausing between them.
#[test]
#[ignore = "a child process of the crash tests, not a test"]
fn probe_writer() {
    let db = std::env::var_os("AGORA_PROBE_DB").expect("run by the crash tests");
    let delay: u64 = std::env::var("AGORA_PROBE_DELAY_MS")
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or(0);
    let mut store = Store::open(Path::new(&db)).unwrap();
    for i in 0..1_000_000 {
        store.probe_write(i).unwrap();
        println!("{i}");
        std::thread::sleep(std::time::Duration::from_millis(delay));
    }
}

#[test]
fn second_instance_is_refused_and_lock_freed_when_first_is_killed() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_store(&dir);
    let (mut child, _out) = writer(dir.path(), 50);
    assert!(matches!(Store::open(&db), Err(StoreError::AlreadyOpen(_))));
    let check = agora(dir.path()).arg("check").output().unwrap();
    assert!(!check.status.success());
    assert!(String::from_utf8_lossy(&check.stderr).contains("déjà ouvert"));
    child.kill().unwrap(); // SIGKILL: no clean-up runs in the child
    child.wait().unwrap();
    let s = Store::open(&db).expect("the kernel released the lock");
    assert!(s.check().unwrap().healthy());
}

#[test]
fn kill_during_writes_loses_no_committed_row() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_store(&dir);
    let (mut child, mut out) = writer(dir.path(), 0);
    let mut committed = vec![0i64];
    while committed.len() < 300 {
        committed.push(next_number(&mut out));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let s = Store::open(&db).unwrap();
    let present = s.probe_entries().unwrap();
    for n in &committed {
        assert!(present.contains(n), "committed write {n} was lost");
    }
    let report = s.check().unwrap();
    assert_eq!(report.integrity, "ok");
}

#[test]
fn restore_next_to_a_stale_wal_gives_exactly_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_store(&dir);
    let original = {
        let s = Store::open(&db).unwrap();
        s.convention(ConventionId(1)).unwrap().synthesis_text
    };
    let backup = {
        let s = Store::open(&db).unwrap();
        s.backup_now("essai").unwrap()
    };
    // Change the store, keep a copy of its WAL while the change is only there, close.
    let mut wal = db.as_os_str().to_os_string();
    wal.push("-wal");
    let wal = PathBuf::from(wal);
    {
        let mut s = Store::open(&db).unwrap();
        s.set_synthesis_text(ConventionId(1), "Texte modifié après la sauvegarde")
            .unwrap();
        std::fs::copy(&wal, dir.path().join("stale-wal")).unwrap();
        s.close().unwrap();
    }
    // As after a crash: a stale WAL lies next to the database.
    std::fs::copy(dir.path().join("stale-wal"), &wal).unwrap();
    store::backup::restore(&db, &backup, None).unwrap();
    assert!(!wal.exists(), "restore removes the stale WAL");
    let s = Store::open(&db).unwrap();
    assert_eq!(
        s.convention(ConventionId(1)).unwrap().synthesis_text,
        original
    );
    assert!(s.check().unwrap().healthy());
}

#[test]
fn restore_refuses_a_file_that_is_not_an_agora_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_store(&dir);
    let bogus = dir.path().join("bogus.sqlite");
    std::fs::write(&bogus, "pas une base").unwrap();
    assert!(store::backup::restore(&db, &bogus, None).is_err());
    assert!(Store::open(&db).unwrap().check().unwrap().healthy());
}

#[test]
fn demo_is_deterministic() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (sa, sb) = (
        Store::open(&demo_store(&a)).unwrap(),
        Store::open(&demo_store(&b)).unwrap(),
    );
    let all = ContactFilter::default();
    assert_eq!(sa.contacts_count(&all).unwrap(), 250);
    assert_eq!(
        sa.contacts_page(&all, 0, 300).unwrap(),
        sb.contacts_page(&all, 0, 300).unwrap()
    );
    let (oa, ob) = (
        sa.convention_overview(ConventionId(1)).unwrap(),
        sb.convention_overview(ConventionId(1)).unwrap(),
    );
    assert_eq!(oa, ob);
    assert_eq!((oa.pool_size, oa.panel_size, oa.reserves), (400, 40, 8));
    assert!(
        oa.composition.iter().all(|q| q.met()),
        "the demo panel meets every quota"
    );
    assert_eq!(oa.sessions.len(), 6);
    assert_eq!(oa.phases.len(), 3);
    assert_eq!(oa.proposals.len(), 20);
    // The convention's 12, 3 of the interpellations, 3 workshops of the charter.
    assert_eq!(sa.meetings_list(&Default::default()).unwrap().len(), 18);
    assert_eq!(sa.meetings_of(Some(ConventionId(1))).unwrap().len(), 12);
    let copil = oa
        .governance
        .iter()
        .filter(|g| g.role == agora::domain::codes::ConventionRole::Guarantor)
        .count();
    assert_eq!(copil, 2);
}

#[test]
fn every_write_is_journaled() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_store(&dir);
    let mut s = Store::open(&db).unwrap();
    s.set_synthesis_text(ConventionId(1), "Nouveau texte")
        .unwrap();
    let last = &s.journal(1, 0).unwrap()[0];
    assert_eq!(
        (last.kind.as_str(), last.entity.as_str(), last.entity_id),
        ("update", "convention", Some(1))
    );
    assert!(s.set_synthesis_text(ConventionId(99), "x").is_err());
}
