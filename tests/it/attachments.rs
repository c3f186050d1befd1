//! Attached files: stored once under their hash, listed by record, kept or removed
//! with their record, marked as a signed attendance sheet, checked, backed up with the
//! store and restored with it, and never left half-attached by a crash.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use agora::domain::attachment::Owner;
use agora::domain::ids::{ContactId, MeetingId};
use agora::store::{self, AttachmentProblem, Store};

use super::common::{agora, demo, ok, refused};

fn stored_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join(store::ATTACHMENTS_DIR))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_file_is_stored_once_and_goes_with_its_last_attachment() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut s) = demo(dir.path());
    let meeting = Owner::Meeting(MeetingId(1));
    let scan = b"%PDF-1.4 emargement signe";
    let a = s.attach_bytes(meeting, "émargement.pdf", scan).unwrap();
    let b = s
        .attach_bytes(Owner::Contact(ContactId(1)), "copie.pdf", scan)
        .unwrap();
    assert_eq!(a.hash, b.hash);
    assert_eq!(stored_files(dir.path()), vec![a.hash.clone()]);
    assert_eq!(std::fs::read(s.attachment_path(&a)).unwrap(), scan);
    assert_eq!(s.attachments_of(meeting).unwrap(), vec![a.clone()]);
    assert_eq!(a.owner_title, s.meeting(MeetingId(1)).unwrap().title);
    let usage = s.attachments_usage().unwrap();
    assert_eq!((usage.count, usage.bytes), (2, scan.len() as u64));

    // Survives a restart.
    s.close().unwrap();
    let mut s = Store::open(&db).unwrap();
    assert_eq!(s.attachments_of(meeting).unwrap().len(), 1);
    s.remove_attachment(a.id).unwrap();
    assert_eq!(
        stored_files(dir.path()).len(),
        1,
        "still used by the contact"
    );
    s.remove_attachment(b.id).unwrap();
    assert!(stored_files(dir.path()).is_empty());
    assert!(
        s.attach_bytes(Owner::Meeting(MeetingId(9999)), "x.pdf", b"x")
            .is_err()
    );
    assert!(
        stored_files(dir.path()).is_empty(),
        "nothing for a refused owner"
    );
}

#[test]
fn a_deleted_record_keeps_or_takes_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut s) = demo(dir.path());
    let editable: Vec<MeetingId> = (1..=15)
        .map(MeetingId)
        .filter(|m| s.minutes(*m).unwrap().is_none())
        .collect();
    let (first, second) = (editable[0], editable[1]);
    let kept = s
        .attach_bytes(Owner::Meeting(first), "photo.jpg", b"JFIF wall of post-its")
        .unwrap();
    s.delete_with_files(Owner::Meeting(first), true, |s| s.delete_meeting(first))
        .unwrap();
    let after = s.attachment(kept.id).unwrap();
    assert_eq!(after.owner, None, "kept without its record");
    assert_eq!(s.unattached_attachments().unwrap(), vec![after]);

    let gone = s
        .attach_bytes(Owner::Meeting(second), "liste.pdf", b"liste signee")
        .unwrap();
    s.delete_with_files(Owner::Meeting(second), false, |s| s.delete_meeting(second))
        .unwrap();
    assert!(s.attachment(gone.id).is_err());
    assert_eq!(stored_files(dir.path()), vec![kept.hash]);

    // A meeting whose minutes are locked is not deleted: its files stay with it.
    let locked = (1..=15)
        .map(MeetingId)
        .find(|m| s.delete_meeting(*m).is_err() && s.meeting(*m).is_ok())
        .expect("the demo locks some minutes");
    let proof = s
        .attach_bytes(Owner::Meeting(locked), "pv.pdf", b"pv")
        .unwrap();
    assert!(
        s.delete_with_files(Owner::Meeting(locked), false, |s| s.delete_meeting(locked))
            .is_err()
    );
    assert_eq!(
        s.attachment(proof.id).unwrap().owner,
        Some(Owner::Meeting(locked))
    );
}

#[test]
fn a_signed_sheet_marks_its_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut s) = demo(dir.path());
    let m = MeetingId(3);
    let a = s
        .attach_bytes(Owner::Meeting(m), "scan.pdf", b"scan")
        .unwrap();
    assert!(!s.has_signed_sheet(m).unwrap());
    s.set_signed_sheet(a.id, true).unwrap();
    assert!(s.has_signed_sheet(m).unwrap());
    s.set_signed_sheet(a.id, false).unwrap();
    assert!(!s.has_signed_sheet(m).unwrap());
    let other = s
        .attach_bytes(Owner::Contact(ContactId(2)), "scan.pdf", b"scan")
        .unwrap();
    let e = s.set_signed_sheet(other.id, true).unwrap_err().to_string();
    assert!(e.contains("réunion"), "{e}");
}

#[test]
fn the_check_names_missing_and_altered_files() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut s) = demo(dir.path());
    let a = s
        .attach_bytes(Owner::Meeting(MeetingId(1)), "a.pdf", b"first")
        .unwrap();
    let b = s
        .attach_bytes(Owner::Meeting(MeetingId(1)), "b.pdf", b"second")
        .unwrap();
    assert!(s.check_attachments().unwrap().is_empty());
    std::fs::write(s.attachment_path(&a), b"changed").unwrap();
    std::fs::remove_file(s.attachment_path(&b)).unwrap();
    let found: Vec<(i64, AttachmentProblem)> = s
        .check_attachments()
        .unwrap()
        .into_iter()
        .map(|(x, p)| (x.id, p))
        .collect();
    assert_eq!(
        found,
        vec![
            (a.id, AttachmentProblem::Altered),
            (b.id, AttachmentProblem::Missing)
        ]
    );
    s.close().unwrap();
    let err = refused(agora(dir.path(), &["attachments", "check"]));
    assert!(err.contains("a.pdf") && err.contains("b.pdf"), "{err}");
}

#[test]
fn stray_files_are_swept_when_the_store_opens() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut s) = demo(dir.path());
    let a = s
        .attach_bytes(Owner::Meeting(MeetingId(1)), "a.pdf", b"kept")
        .unwrap();
    s.close().unwrap();
    let folder = dir.path().join(store::ATTACHMENTS_DIR);
    // What a crash leaves: a file under a hash no row names, a temporary file.
    std::fs::write(folder.join("ab".repeat(32)), b"orphan").unwrap();
    std::fs::write(folder.join(".entrant.123-0.agora-tmp"), b"half").unwrap();
    std::fs::write(folder.join("lisez-moi.txt"), b"not ours").unwrap();
    let s = Store::open(&db).unwrap();
    assert_eq!(
        stored_files(dir.path()),
        vec![a.hash.clone(), "lisez-moi.txt".to_string()]
    );
    assert!(s.check_attachments().unwrap().is_empty());
}

#[test]
fn files_are_backed_up_with_the_store_and_restored_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut s) = demo(dir.path());
    let a = s
        .attach_bytes(
            Owner::Meeting(MeetingId(1)),
            "émargement.pdf",
            b"signed sheet",
        )
        .unwrap();
    let backup = s.backup_now("manuelle").unwrap();
    let copy = s.backup_dir().join(store::ATTACHMENTS_DIR).join(&a.hash);
    assert_eq!(std::fs::read(&copy).unwrap(), b"signed sheet");
    // Lost after the backup: removed in Agora, then the folder emptied by hand.
    s.remove_attachment(a.id).unwrap();
    s.close().unwrap();
    assert!(stored_files(dir.path()).is_empty());

    let restored = store::backup::restore(&db, &backup, None).unwrap();
    assert_eq!(restored.files_missing, 0);
    let s = Store::open(&db).unwrap();
    let back = s.attachment(a.id).unwrap();
    assert_eq!(
        std::fs::read(s.attachment_path(&back)).unwrap(),
        b"signed sheet"
    );
    assert!(s.check_attachments().unwrap().is_empty());
    s.close().unwrap();

    // A backup carried away without its files: restored, and the loss said.
    let away = tempfile::tempdir().unwrap();
    let lone = away.path().join(backup.file_name().unwrap());
    std::fs::copy(&backup, &lone).unwrap();
    std::fs::remove_dir_all(dir.path().join(store::ATTACHMENTS_DIR)).unwrap();
    let out = ok(agora(dir.path(), &["restore", lone.to_str().unwrap()]));
    assert!(out.contains("1 pièce(s) jointe(s)"), "{out}");
    refused(agora(dir.path(), &["attachments", "check"]));
}

#[test]
fn a_crash_while_attaching_leaves_no_orphan_and_no_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let (db, s) = demo(dir.path());
    s.close().unwrap();
    // Big enough that the copy and its hash take a while.
    let big = dir.path().join("film.bin");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(300 * 1024 * 1024).unwrap();
    drop(f);
    for delay_ms in [50, 300, 900, 2500] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_agora"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(["attachments", "add", "reunion", "1"])
            .arg(&big)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL: no destructor runs
        let _ = child.wait();
        // Opening sweeps what the crash left; then every row has its whole file and
        // every file its row.
        let s = Store::open(&db).unwrap();
        assert!(
            s.check_attachments().unwrap().is_empty(),
            "after {delay_ms} ms"
        );
        let named: std::collections::BTreeSet<String> = s
            .all_attachments()
            .unwrap()
            .into_iter()
            .map(|a| a.hash)
            .collect();
        let on_disk: std::collections::BTreeSet<String> =
            stored_files(dir.path()).into_iter().collect();
        assert_eq!(named, on_disk, "after {delay_ms} ms");
        s.close().unwrap();
    }
}
