//! The tirage au sort from files, as a sceptical journalist would check it: prepare a
//! portfolio from a pool and quotas in the `sortition-algorithms` format, draw with a
//! seed or a public number, verify line by line, and see tampering refused.

use std::process::Command;

use agora::domain::sortition::generated;

use super::common::pdf_words;

fn draw(dir: &std::path::Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_agora"))
        .arg("draw")
        .args(args)
        .current_dir(dir)
        .arg("--data-dir")
        .arg(dir)
        .output()
        .unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// `agora draw verify` with the seed the tests draw with.
fn verify_with_seed(dir: &std::path::Path, portfolio: &str, panel: &str) -> (bool, String) {
    draw(
        dir,
        &[
            "verify",
            "--portfolio",
            portfolio,
            "--seed",
            "convention climat",
            "--panel",
            panel,
        ],
    )
}

/// A pool of 60 generated volunteers and quotas for 12 on three criteria, written in
/// the older `category,name,min,max` header with flex columns.
fn files_in(dir: &std::path::Path) {
    let pool = generated::pool(60, "essai cli");
    let criteria: Vec<String> = ["genre", "âge", "diplôme"].map(String::from).to_vec();
    std::fs::write(
        dir.join("pool.csv"),
        agora::export::write_pool(&pool, &criteria),
    )
    .unwrap();
    let mut quotas = String::from("category,name,min,max,min_flex,max_flex\n");
    for q in generated::quotas(12, 0.1)
        .into_iter()
        .filter(|q| criteria.contains(&q.criterion))
    {
        quotas.push_str(&format!(
            "{},{},{},{},0,12\n",
            q.criterion, q.value, q.min, q.max
        ));
    }
    std::fs::write(dir.join("quotas.csv"), quotas).unwrap();
}

#[test]
fn prepare_run_and_verify_a_draw_then_refuse_tampering() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    files_in(d);
    let prepare = [
        "prepare",
        "--pool",
        "pool.csv",
        "--quotas",
        "quotas.csv",
        "--size",
        "12",
        "--out",
        "portfolio.json",
        "--probabilities",
        "probs.csv",
    ];
    let (ok, out) = draw(d, &prepare);
    assert!(ok, "{out}");
    assert!(out.contains("SHA-256"), "{out}");
    let probs = std::fs::read_to_string(d.join("probs.csv")).unwrap();
    let sum: f64 = probs
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().parse::<f64>().unwrap())
        .sum();
    assert_eq!(probs.lines().count(), 61, "every volunteer has a line");
    assert!(
        (sum - 12.0).abs() < 1e-3,
        "probabilities sum to the panel size: {sum}"
    );

    // The same seed gives the same panel; the journalist's check passes.
    let (ok, out) = draw(
        d,
        &[
            "run",
            "--portfolio",
            "portfolio.json",
            "--seed",
            "convention climat",
            "--out",
            "panel.csv",
        ],
    );
    assert!(ok, "{out}");
    let first = std::fs::read_to_string(d.join("panel.csv")).unwrap();
    draw(
        d,
        &[
            "run",
            "--portfolio",
            "portfolio.json",
            "--seed",
            "convention climat",
            "--out",
            "again.csv",
        ],
    );
    assert_eq!(first, std::fs::read_to_string(d.join("again.csv")).unwrap());
    assert_eq!(first.lines().next(), Some("id"));
    assert_eq!(first.lines().count(), 13);
    let (ok, out) = verify_with_seed(d, "portfolio.json", "panel.csv");
    assert!(ok, "{out}");
    assert!(out.contains("Le tirage est vérifié."));
    assert!(!out.contains("ÉCHEC"));

    // A public number picks its own panel.
    let (ok, _) = draw(
        d,
        &[
            "run",
            "--portfolio",
            "portfolio.json",
            "--number",
            "421",
            "--out",
            "dice.csv",
        ],
    );
    assert!(ok);
    assert!(
        draw(
            d,
            &[
                "verify",
                "--portfolio",
                "portfolio.json",
                "--number",
                "421",
                "--panel",
                "dice.csv"
            ]
        )
        .0
    );

    // A panel swapped for another person is refused.
    let mut lines: Vec<String> = first.lines().map(String::from).collect();
    let pool = std::fs::read_to_string(d.join("pool.csv")).unwrap();
    let outsider = pool
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_string())
        .find(|id| !lines.contains(id))
        .unwrap();
    lines[1] = outsider;
    std::fs::write(d.join("forged.csv"), lines.join("\n")).unwrap();
    let (ok, out) = verify_with_seed(d, "portfolio.json", "forged.csv");
    assert!(!ok);
    assert!(out.contains("ÉCHEC") && out.contains("diffère"), "{out}");

    // Quotas loosened after publication: the inputs' hash no longer matches.
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("portfolio.json")).unwrap()).unwrap();
    json["quotas"][0]["min"] = 0.into();
    std::fs::write(d.join("tampered.json"), json.to_string()).unwrap();
    let (ok, out) = verify_with_seed(d, "tampered.json", "panel.csv");
    assert!(!ok);
    assert!(out.contains("ÉCHEC  empreinte SHA-256 du vivier"), "{out}");
}

#[test]
fn impossible_quotas_are_refused_with_the_quotas_to_relax() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("pool.csv"),
        "id,genre\nA,Femme\nB,Femme\nC,Homme\nD,Homme\nE,Homme\n",
    )
    .unwrap();
    std::fs::write(
        d.join("quotas.csv"),
        "feature,value,min,max\ngenre,Femme,3,3\ngenre,Homme,0,3\n",
    )
    .unwrap();
    let (ok, out) = draw(
        d,
        &[
            "prepare",
            "--pool",
            "pool.csv",
            "--quotas",
            "quotas.csv",
            "--size",
            "4",
            "--out",
            "p.json",
        ],
    );
    assert!(!ok);
    assert!(
        out.contains("genre = Femme") && out.contains("minimum 3 → 2"),
        "{out}"
    );
    assert!(!d.join("p.json").exists(), "nothing written");
}

#[test]
fn legacy_and_maximin_lotteries_verify_too() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    files_in(d);
    for algorithm in ["legacy", "maximin"] {
        let (ok, out) = draw(
            d,
            &[
                "prepare",
                "--pool",
                "pool.csv",
                "--quotas",
                "quotas.csv",
                "--size",
                "12",
                "--out",
                "p.json",
                "--algorithm",
                algorithm,
                // The second method replaces the first one's unpublished file.
                "--remplacer",
            ],
        );
        assert!(ok, "{algorithm}: {out}");
        draw(
            d,
            &[
                "run",
                "--portfolio",
                "p.json",
                "--number",
                "7",
                "--out",
                "panel.csv",
            ],
        );
        let (ok, out) = draw(
            d,
            &[
                "verify",
                "--portfolio",
                "p.json",
                "--number",
                "7",
                "--panel",
                "panel.csv",
            ],
        );
        assert!(ok, "{algorithm}: {out}");
    }
}

/// The test files, their portfolio (`portfolio.json`) and the panel a public number
/// picks (`panel.csv`).
fn prepared(d: &std::path::Path, number: &str) {
    files_in(d);
    let (ok, out) = draw(
        d,
        &[
            "prepare",
            "--pool",
            "pool.csv",
            "--quotas",
            "quotas.csv",
            "--size",
            "12",
            "--out",
            "portfolio.json",
        ],
    );
    assert!(ok, "{out}");
    let (ok, out) = draw(
        d,
        &[
            "run",
            "--portfolio",
            "portfolio.json",
            "--number",
            number,
            "--out",
            "panel.csv",
        ],
    );
    assert!(ok, "{out}");
}

#[test]
fn the_proces_verbal_reads_back_with_hashes_quotas_and_panel() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    prepared(d, "305");
    let (ok, out) = draw(
        d,
        &[
            "pv",
            "--portfolio",
            "portfolio.json",
            "--number",
            "305",
            "--out",
            "pv.pdf",
            "--witnesses",
            "Anne Ribot et Paul Ferrand (garants)",
            "--how",
            "trois dés à dix faces, filmés",
            "--source",
            "Réponses à une invitation aléatoire",
        ],
    );
    assert!(ok, "{out}");
    let flat = pdf_words(&d.join("pv.pdf"));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("portfolio.json")).unwrap()).unwrap();
    let packed = flat.replace(' ', "");
    for hash in ["list_sha256", "inputs_sha256"] {
        let hash = json[hash].as_str().unwrap();
        assert!(packed.contains(hash), "{hash} printed (in groups of eight)");
    }
    for expected in [
        "Procès-verbal de tirage au sort",
        "LEXIMIN",
        "numéro public 305",
        "Anne Ribot",
        "agora draw verify --portfolio portfolio.json --number 305 --panel panel.csv",
    ] {
        assert!(flat.contains(expected), "missing {expected:?} in {flat}");
    }
    let panel = std::fs::read_to_string(d.join("panel.csv")).unwrap();
    for id in panel.lines().skip(1) {
        assert!(flat.contains(id), "panel member {id} printed");
    }
    assert!(!flat.contains("NON"), "every quota met");
    // The list's fairness, computed from the list: the lowest share against the lowest
    // probability.
    let people = json["people"].as_array().unwrap();
    let lowest = people
        .iter()
        .map(|x| x["probability"].as_f64().unwrap())
        .fold(f64::INFINITY, f64::min);
    let panels = json["panels"].as_array().unwrap();
    let share = |id: &str| {
        panels
            .iter()
            .filter(|p| p.as_array().unwrap().iter().any(|x| x == id))
            .count() as f64
            / panels.len() as f64
    };
    let shortfall = people
        .iter()
        .map(|x| lowest - share(x["id"].as_str().unwrap()))
        .fold(0.0, f64::max);
    let printed = format!("{shortfall:.4}").replace('.', ",");
    assert!(
        flat.contains(&format!("sous la plus basse probabilité {printed}")),
        "shortfall {printed} printed in {flat}"
    );
    assert!(
        shortfall <= 0.001 + 1e-9,
        "the worst-off keep their share: {shortfall}"
    );
}

#[test]
fn a_member_who_withdraws_is_replaced_with_every_quota_kept() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    prepared(d, "12");
    let panel = std::fs::read_to_string(d.join("panel.csv")).unwrap();
    let leaving = panel.lines().nth(3).unwrap().to_string();
    let replace = [
        "replace",
        "--portfolio",
        "portfolio.json",
        "--panel",
        "panel.csv",
        "--withdrawn",
        &leaving,
        "--seed",
        "retrait 2026-12-01",
        "--out",
    ];
    let (ok, out) = draw(d, &[&replace[..], &["new.csv"]].concat());
    assert!(ok, "{out}");
    assert!(
        out.contains(&agora::domain::text::typography(&format!(
            "« {leaving} » est remplacé·e par"
        ))),
        "{out}"
    );
    let new = std::fs::read_to_string(d.join("new.csv")).unwrap();
    assert!(!new.lines().any(|l| l == leaving));
    assert_eq!(new.lines().count(), 13);
    // The same seed names the same person; the new panel meets every quota.
    draw(d, &[&replace[..], &["again.csv"]].concat());
    assert_eq!(new, std::fs::read_to_string(d.join("again.csv")).unwrap());
    let json: agora::domain::sortition::portfolio::Portfolio =
        serde_json::from_slice(&std::fs::read(d.join("portfolio.json")).unwrap()).unwrap();
    let inst = json.instance().unwrap();
    let people: Vec<usize> = new
        .lines()
        .skip(1)
        .map(|id| inst.position(id).unwrap())
        .collect();
    assert!(inst.is_feasible(&people));
    // Someone not on the panel cannot withdraw from it.
    let outsider = "V-9999";
    let (ok, out) = draw(
        d,
        &[
            "replace",
            "--portfolio",
            "portfolio.json",
            "--panel",
            "panel.csv",
            "--withdrawn",
            outsider,
            "--seed",
            "x",
            "--out",
            "z.csv",
        ],
    );
    assert!(!ok && out.contains("n’est pas membre de ce panel"), "{out}");
}

/// A file the journalist names wrong is said in French, without the system's English.
#[test]
fn a_missing_file_is_said_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out) = verify_with_seed(dir.path(), "portefeuille absent.json", "panel.csv");
    assert!(!ok);
    assert!(
        out.contains("portefeuille absent.json\u{202F}» est introuvable"),
        "{out}"
    );
    assert!(!out.contains("os error"), "{out}");
}

/// A portfolio cut short (an interrupted download) is said in French, where it stops.
#[test]
fn a_truncated_portfolio_is_said_in_french() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("portefeuille.json"),
        "{\n  \"format\": \"agora-",
    )
    .unwrap();
    let (ok, out) = verify_with_seed(dir.path(), "portefeuille.json", "panel.csv");
    assert!(!ok);
    assert!(out.contains("s’arrête avant sa fin (ligne 2)"), "{out}");
    assert!(!out.contains("EOF"), "{out}");
}
