//! The directory at 100,000 contacts: reading the Excel CSV, importing it (SQLite
//! work, full-text index included), searching, and reading the first page.
//!
//! Run with `cargo bench --bench contacts`. Built with `--features chiffrement`, every
//! store is encrypted (SQLCipher): run both to see what encryption costs.
//!
//! First, the whole process as the person runs it: `agora contacts import` of the file
//! into an empty data folder against `sqlite3 .import` of the same file (when `sqlite3`
//! is installed), wall time and peak memory, the median of five runs taken in turn.

use agora::import::contacts;
use agora::store::{self, ContactFilter, ContactSort, Duplicates, SortColumn, Store};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

const ROWS: usize = 100_000;

const FIRST: [&str; 20] = [
    "Hélène",
    "Jean",
    "Zoé",
    "Mamadou",
    "Camille",
    "Éric",
    "Inès",
    "Lucas",
    "Fatou",
    "Sébastien",
    "Manon",
    "Karim",
    "Chloé",
    "Joël",
    "Aurélie",
    "Nicolas",
    "Leïla",
    "Victor",
    "Amina",
    "Théo",
];
const LAST: [&str; 20] = [
    "Martin",
    "Bernard",
    "Dubois",
    "Durand",
    "Lefèvre",
    "Moreau",
    "Girard",
    "Roux",
    "Faure",
    "André",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "François",
    "Legrand",
    "Gauthier",
    "Perrin",
];
const CITIES: [(&str, &str); 4] = [
    ("38000", "Grenoble"),
    ("38100", "Grenoble"),
    ("38400", "Saint-Martin-d'Hères"),
    ("38130", "Échirolles"),
];

/// A deterministic office export of `ROWS` people.
fn office_csv() -> Vec<u8> {
    let mut s = String::from(
        "Civilité;Nom;Prénom;Courriel;Téléphone;Adresse;Code postal;Ville;Secteur;Notes\r\n",
    );
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in 0..ROWS {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let first = FIRST[(x % 20) as usize];
        let last = LAST[((x >> 8) % 20) as usize];
        let (cp, city) = CITIES[((x >> 16) % 4) as usize];
        s.push_str(&format!(
            "{};{last};{first};p{i}@exemple.fr;06 {:02} {:02} {:02} {:02};{} rue des Alpes;{cp};{city};{};\"Inscrit·e au forum {}\"\r\n",
            if x.is_multiple_of(2) { "Mme" } else { "M." },
            (x >> 20) % 100,
            (x >> 27) % 100,
            (x >> 34) % 100,
            (x >> 41) % 100,
            i % 200 + 1,
            (x >> 48) % 6 + 1,
            2020 + (i % 6)
        ));
    }
    s.into_bytes()
}

/// A new store in `dir`: encrypted when the feature `chiffrement` is on.
fn new_store(dir: &std::path::Path) -> Store {
    #[allow(unused_mut)]
    let mut s = Store::open(&dir.join(store::DB_FILE)).unwrap();
    #[cfg(feature = "chiffrement")]
    s.encrypt("une phrase de passe pour le banc d’essai")
        .unwrap();
    s
}

/// The median wall time (s) and peak resident memory (MB) of five runs of a command
/// `make` builds afresh for each run (in a new folder `make` is given).
#[cfg(unix)]
fn whole_process(make: impl Fn(&std::path::Path) -> std::process::Command) -> (f64, f64) {
    let mut runs: Vec<(f64, f64)> = (0..5)
        .map(|_| {
            let dir = tempfile::tempdir().unwrap();
            let mut cmd = make(dir.path());
            let start = std::time::Instant::now();
            // Reaped below by wait4, which also gives its peak memory.
            let child = cmd
                .stdout(std::process::Stdio::null())
                .spawn()
                .expect("the command starts")
                .id();
            let (mut status, mut usage) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
            // SAFETY: waits for our own child once; `status` and `usage` outlive the call.
            let pid = unsafe { libc::wait4(child as i32, &mut status, 0, &mut usage) };
            let seconds = start.elapsed().as_secs_f64();
            assert!(pid > 0 && status == 0, "{cmd:?} failed ({status})");
            (seconds, usage.ru_maxrss as f64 / 1024.0)
        })
        .collect();
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let memory = median(runs.iter().map(|r| r.1).collect());
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    (runs[runs.len() / 2].0, memory)
}

/// Prints the whole-process import against `sqlite3 .import`, and the ratio.
#[cfg(unix)]
fn report_whole_import(csv: &[u8]) {
    use std::process::Command;
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("contacts.csv");
    std::fs::write(&file, csv).unwrap();
    let (agora, agora_mb) = whole_process(|dir| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_agora"));
        c.arg("--data-dir").arg(dir).args(["contacts", "import"]);
        // Every row created: the generated names repeat with the same postal code, so
        // the default policy would leave most rows aside as duplicates of earlier ones.
        c.arg(&file).args(["--doublons", "creer"]);
        c
    });
    eprintln!(
        "whole process, agora contacts import of {ROWS} rows: {agora:.2} s, peak {agora_mb:.0} MB \
         (aims: 3× sqlite3 .import, under 120 MB)"
    );
    if Command::new("sqlite3").arg("--version").output().is_err() {
        eprintln!("sqlite3 is not installed: no ratio");
        return;
    }
    let (sqlite, sqlite_mb) = whole_process(|dir| {
        let mut c = Command::new("sqlite3");
        c.args(["-batch", "-cmd", ".mode csv", "-cmd", ".separator ;"]);
        c.arg(dir.join("plain.sqlite"));
        c.arg(format!(".import {} contacts", file.display()));
        c
    });
    eprintln!(
        "whole process, sqlite3 .import of the same file: {sqlite:.2} s, peak {sqlite_mb:.0} MB; \
         ratio {:.1}×",
        agora / sqlite
    );
}

fn contacts_bench(c: &mut Criterion) {
    let csv = office_csv();
    #[cfg(unix)]
    report_whole_import(&csv);
    let mut group = c.benchmark_group("contacts_100k");
    group.sample_size(10);
    group.throughput(Throughput::Elements(ROWS as u64));
    group.bench_function("read_and_check_csv", |b| {
        b.iter(|| contacts::read(&csv, chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()))
    });
    let file = contacts::read(&csv, chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    assert!(
        file.is_clean(),
        "{:?}",
        &file.errors[..file.errors.len().min(3)]
    );
    group.bench_function("import_into_empty_store", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let s = new_store(dir.path());
                (dir, s)
            },
            |(dir, mut s)| {
                let r = s
                    .import_contacts(&file, Duplicates::Create, "bench.csv")
                    .unwrap();
                assert_eq!(r.created, ROWS);
                (dir, s)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();

    let dir = tempfile::tempdir().unwrap();
    let mut s = new_store(dir.path());
    s.import_contacts(&file, Duplicates::Create, "bench.csv")
        .unwrap();
    let f = |search: &str| ContactFilter {
        search: search.into(),
        kind: None,
        ..ContactFilter::default()
    };
    let mut group = c.benchmark_group("directory_100k");
    group.bench_function("first_page_no_filter", |b| {
        b.iter(|| s.contacts_page(&f(""), 0, 50).unwrap())
    });
    group.bench_function("count_no_filter", |b| {
        b.iter(|| s.contacts_count(&f("")).unwrap())
    });
    group.bench_function("search_hel_gre_first_page", |b| {
        b.iter(|| s.contacts_page(&f("hel gre"), 0, 50).unwrap())
    });
    group.bench_function("search_hel_gre_count", |b| {
        b.iter(|| s.contacts_count(&f("hel gre")).unwrap())
    });
    group.bench_function("search_one_person_by_email", |b| {
        b.iter(|| s.contacts_page(&f("p73210"), 0, 50).unwrap())
    });
    group.bench_function("search_common_prefix_ma", |b| {
        b.iter(|| s.contacts_page(&f("ma"), 0, 50).unwrap())
    });
    group.bench_function("search_common_prefix_ma_count", |b| {
        b.iter(|| s.contacts_count(&f("ma")).unwrap())
    });
    group.bench_function("page_1000_of_2000", |b| {
        b.iter(|| s.contacts_page(&f(""), 50_000, 50).unwrap())
    });
    let by_email = ContactFilter {
        sort: ContactSort {
            column: SortColumn::Email,
            descending: true,
        },
        ..ContactFilter::default()
    };
    group.bench_function("first_page_sorted_by_email_desc", |b| {
        b.iter(|| s.contacts_page(&by_email, 0, 50).unwrap())
    });
    let by_sector = ContactFilter {
        sort: ContactSort {
            column: SortColumn::Sector,
            descending: false,
        },
        ..ContactFilter::default()
    };
    group.bench_function("first_page_sorted_by_sector", |b| {
        b.iter(|| s.contacts_page(&by_sector, 0, 50).unwrap())
    });
    group.bench_function("first_100_duplicate_pairs", |b| {
        b.iter(|| s.duplicate_pairs(100).unwrap())
    });
    group.bench_function("retention_policy_nothing_due", |b| {
        b.iter(|| s.apply_retention_policy().unwrap())
    });
    group.finish();
}

criterion_group!(benches, contacts_bench);
criterion_main!(benches);
