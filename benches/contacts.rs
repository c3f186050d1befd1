//! The directory at 100,000 contacts: reading the Excel CSV, importing it (SQLite
//! work, full-text index included), searching, and reading the first page.
//!
//! Run with `cargo bench --bench contacts`. Built with `--features chiffrement`, every
//! store is encrypted (SQLCipher): run both to see what encryption costs.

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

fn contacts_bench(c: &mut Criterion) {
    let csv = office_csv();
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
