//! The `agora draw` commands, on files only (no store): prepare a portfolio from a pool
//! and a quota table, run the draw from a seed or a public number, write its
//! procès-verbal, replace a member who withdraws, and verify a published draw line by
//! line.

use std::collections::HashMap;

use crate::domain::sortition::instance::{HOUSEHOLD, Instance};
use crate::domain::sortition::portfolio::{self, Algorithm, Choice, Portfolio};
use crate::domain::text::{decimal, typography};
use crate::import::sortition as files;

use super::{Command, Context};

/// `--name value` pairs; anything else is an error.
fn options<'a>(words: &[&'a str]) -> Result<HashMap<&'a str, &'a str>, String> {
    let mut out = HashMap::new();
    let mut it = words.iter();
    while let Some(w) = it.next() {
        if !w.starts_with("--") {
            return Err(format!("Argument inattendu : « {w} »."));
        }
        let v = it.next().ok_or(format!("{w} attend une valeur."))?;
        out.insert(*w, *v);
    }
    Ok(out)
}

/// Writes a file whole or not at all (temporary file, flush, rename).
fn write(path: &str, bytes: impl AsRef<[u8]>) -> Result<(), String> {
    crate::files::write_temp(std::path::Path::new(path), bytes.as_ref(), false)
        .and_then(crate::files::TempFile::persist)
        .map_err(|source| {
            crate::export::ExportError::Write {
                path: path.into(),
                source,
            }
            .to_string()
        })
}

fn choice(o: &HashMap<&str, &str>) -> Result<Choice, String> {
    match (o.get("--seed"), o.get("--number")) {
        (Some(s), None) => Ok(Choice::Seed(s.to_string())),
        (None, Some(n)) => match n.trim().parse::<usize>() {
            Ok(n) if n < 1000 => Ok(Choice::Number(n)),
            _ => Err(format!(
                "Numéro public « {n} » : un nombre de 0 à 999 est attendu."
            )),
        },
        _ => Err("Indiquez soit --seed GRAINE, soit --number N (0 à 999).".into()),
    }
}

fn load(path: &str) -> Result<Portfolio, String> {
    serde_json::from_slice(&crate::files::read_named(path)?).map_err(|e| {
        use serde_json::error::Category;
        let why = match e.classify() {
            Category::Eof => format!("le fichier s’arrête avant sa fin (ligne {})", e.line()),
            Category::Syntax => format!(
                "ce n’est pas du JSON (ligne {}, colonne {})",
                e.line(),
                e.column()
            ),
            Category::Data | Category::Io => format!(
                "une donnée manque ou n’a pas la forme attendue (ligne {}, colonne {})",
                e.line(),
                e.column()
            ),
        };
        format!("« {path} » n’est pas un portefeuille de tirage lisible : {why}.")
    })
}

/// The draw's commands, in the order of the help.
pub static COMMANDS: &[Command] = &[
    Command {
        words: &["draw", "prepare"],
        usage: "--pool VIVIER.csv --quotas QUOTAS.csv --size K --out PORTEFEUILLE.json\n[--probabilities PROBAS.csv] [--algorithm leximin|maximin|legacy]\n[--household-column COLONNE]",
        does: "prépare les 1 000 panels du tirage (fichiers au\nformat de sortition-algorithms ; une personne\nau plus par valeur de COLONNE)",
        run: prepare,
    },
    Command {
        words: &["draw", "run"],
        usage: "--portfolio PORTEFEUILLE.json (--seed GRAINE | --number N) --out PANEL.csv",
        does: "tire le panel (graine enregistrée ou numéro public)",
        run: draw,
    },
    Command {
        words: &["draw", "verify"],
        usage: "--portfolio PORTEFEUILLE.json (--seed GRAINE | --number N) --panel PANEL.csv",
        does: "vérifie un tirage publié, ligne à ligne",
        run: verify,
    },
    Command {
        words: &["draw", "pv"],
        usage: "--portfolio PORTEFEUILLE.json (--seed GRAINE | --number N) --out PV.pdf\n[--source TEXTE] [--witnesses TEXTE] [--how TEXTE]",
        does: "écrit le procès-verbal de tirage au sort",
        run: minutes,
    },
    Command {
        words: &["draw", "replace"],
        usage: "--portfolio PORTEFEUILLE.json --panel PANEL.csv --withdrawn ID --seed GRAINE\n--out NOUVEAU.csv",
        does: "remplace une personne qui se retire, quotas tenus",
        run: replace,
    },
];

/// Prints a line on the error stream each time a round advances, so that a long
/// computation shows it is alive.
fn progress() -> impl FnMut(crate::domain::sortition::leximin::Progress) -> bool {
    let mut shown = (0, 0);
    let mut decomposing = false;
    move |p| {
        if p.placed.is_some() {
            if !decomposing {
                decomposing = true;
                eprintln!(
                    "{}",
                    tf!(
                        "Décomposition en panels de la répartition la plus équitable (plus basse probabilité visée {})…",
                        decimal(p.lowest)
                    )
                );
            }
        } else if (p.round, p.fixed_types) != shown {
            shown = (p.round, p.fixed_types);
            eprintln!(
                "{}",
                tf!(
                    "Tour {} : {} panels, {} types fixés sur {}, niveau des types restants {}",
                    p.round,
                    p.panels,
                    p.fixed_types,
                    p.types,
                    decimal(p.lowest)
                )
            );
        }
        true
    }
}

fn prepare(cx: &Context, words: &[&str]) -> Result<(), String> {
    let o = options(words)?;
    let need = |name: &str| {
        o.get(name)
            .copied()
            .ok_or(format!("{name} est obligatoire."))
    };
    let out = need("--out")?;
    if !cx.replace() && std::path::Path::new(out).exists() {
        return Err(format!(
            "« {out} » existe déjà : un portefeuille publié est une pièce du tirage et n’est pas remplacé. Choisissez un autre nom, ou ajoutez --remplacer si ce fichier n’a pas été publié."
        ));
    }
    let mut pool = files::read_pool(&crate::files::read_named(need("--pool")?)?)
        .map_err(|e| format!("Vivier : {e}"))?;
    // --household-column NAME: at most one person per value of that column.
    let apart = match o.get("--household-column") {
        None => false,
        Some(column) => {
            let mut found = false;
            for v in &mut pool {
                for (name, _) in &mut v.attributes {
                    if name.trim().eq_ignore_ascii_case(column.trim()) {
                        *name = HOUSEHOLD.to_string();
                        found = true;
                    }
                }
            }
            if !found {
                return Err(format!("Le vivier n'a pas de colonne « {column} »."));
            }
            true
        }
    };
    let quotas = files::read_quotas(&crate::files::read_named(need("--quotas")?)?)
        .map_err(|e| format!("Quotas : {e}"))?;
    let k: u32 = need("--size")?
        .parse()
        .map_err(|_| "--size attend un nombre de personnes.".to_string())?;
    let algorithm = match o.get("--algorithm") {
        None => Algorithm::Leximin,
        Some(a) => Algorithm::parse(a).ok_or(format!(
            "Méthode inconnue : « {a} » (leximin, maximin ou legacy)."
        ))?,
    };
    let start = std::time::Instant::now();
    let inst = if apart {
        Instance::one_per_household(&pool, &quotas, k)
    } else {
        Instance::new(&pool, &quotas, k)
    }
    .map_err(|e| e.to_string())?;
    let (p, _) =
        portfolio::prepare_instance(inst, algorithm, progress()).map_err(|e| e.to_string())?;
    write(
        out,
        &serde_json::to_string_pretty(&p).map_err(|e| e.to_string())?,
    )?;
    if let Some(probs) = o.get("--probabilities") {
        let text = crate::export::write_probabilities(
            p.people.iter().map(|x| (x.id.as_str(), x.probability)),
        );
        write(probs, text)?;
    }
    let low = p.people.iter().map(|x| x.probability).fold(1.0, f64::min);
    let high = p.people.iter().map(|x| x.probability).fold(0.0, f64::max);
    println!(
        "{}",
        tf!(
            "Portefeuille écrit : {out} ({} volontaires, panel de {k}, méthode {}, {} s).\n\
             Probabilité de sélection : la plus basse {}, la plus haute {}.\n\
             Vivier et quotas, SHA-256 : {}\n\
             Liste des 1 000 panels, SHA-256 : {}\n\
             Écart d'arrondi le plus grand : {} ; part la plus basse sous la plus basse probabilité : {}",
            pool.len(),
            format!("{:?}", p.algorithm).to_uppercase(),
            format!("{:.1}", start.elapsed().as_secs_f64()).replace('.', ","),
            decimal(low),
            decimal(high),
            p.inputs_sha256,
            p.list_sha256,
            decimal(p.rounding_deviation),
            decimal(p.lowest_shortfall())
        )
    );
    let never = p.people.iter().filter(|x| x.probability < 1e-9).count();
    if never > 0 && p.algorithm != Algorithm::Legacy {
        println!(
            "{}",
            tf!(
                "Attention : {never} volontaire(s) ne figurent dans aucun panel qui respecte les quotas (probabilité nulle) ; voir --probabilities."
            )
        );
    }
    Ok(())
}

fn draw(_: &Context, words: &[&str]) -> Result<(), String> {
    let o = options(words)?;
    let p = load(o.get("--portfolio").ok_or("--portfolio est obligatoire.")?)?;
    let choice = choice(&o)?;
    let out = o.get("--out").ok_or("--out est obligatoire.")?;
    let number = choice.number();
    let panel = p
        .panels
        .get(number)
        .ok_or(format!("Le portefeuille n'a pas de panel n° {number:03}."))?;
    write(
        out,
        crate::export::write_panel(panel.iter().map(String::as_str)),
    )?;
    println!(
        "{}",
        tf!(
            "Panel n° {number:03} tiré ({} personnes) : {out}",
            panel.len()
        )
    );
    Ok(())
}

fn minutes(_: &Context, words: &[&str]) -> Result<(), String> {
    use crate::report::draw_minutes::{self, Circumstances};
    let o = options(words)?;
    let portfolio_file = *o.get("--portfolio").ok_or("--portfolio est obligatoire.")?;
    let p = load(portfolio_file)?;
    let choice = choice(&o)?;
    let out = o.get("--out").ok_or("--out est obligatoire.")?;
    let failed = portfolio::unverified(&p, &choice);
    if !failed.is_empty() {
        return Err(format!(
            "« {portfolio_file} » ne passe pas la vérification ; aucun procès-verbal n’a été écrit :\n  {}",
            failed.join("\n  ")
        ));
    }
    let text = |name: &str| o.get(name).map(|s| s.to_string()).unwrap_or_default();
    let c = Circumstances {
        pool_source: text("--source"),
        witnesses: text("--witnesses"),
        number_how: text("--how"),
        portfolio_file: portfolio_file.to_string(),
        panel_file: "panel.csv".into(),
        ..Circumstances::default()
    };
    let letterhead = crate::store::Settings::default().letterhead();
    let today = chrono::Local::now().date_naive();
    let bytes =
        draw_minutes::render_pdf(&p, &choice, &c, &letterhead, today).map_err(|e| e.to_string())?;
    write(out, bytes)?;
    println!("{}", tf!("{} écrit : {out}", draw_minutes::DOCUMENT));
    Ok(())
}

/// The ids of a panel file: `id` then one id a line (a first column is enough).
fn panel_ids(path: &str) -> Result<Vec<String>, String> {
    let records = crate::import::csv::read(&crate::files::read_named(path)?)
        .map_err(|e| format!("« {path} » : {e}"))?;
    Ok(records
        .into_iter()
        .filter_map(|r| r.get(0).map(str::to_string))
        .filter(|id| !id.is_empty())
        .skip_while(|id| id.eq_ignore_ascii_case("id"))
        .collect())
}

fn replace(_: &Context, words: &[&str]) -> Result<(), String> {
    use crate::domain::sortition::replacement;
    let o = options(words)?;
    let need = |name: &str| {
        o.get(name)
            .copied()
            .ok_or(format!("{name} est obligatoire."))
    };
    let p = load(need("--portfolio")?)?;
    let inst = p.instance().map_err(|e| e.to_string())?;
    let ids = panel_ids(need("--panel")?)?;
    let panel: Vec<usize> = ids
        .iter()
        .map(|id| {
            inst.position(id).ok_or(format!(
                "« {id} » n'est pas dans le vivier du portefeuille."
            ))
        })
        .collect::<Result<_, _>>()?;
    let leaving_id = need("--withdrawn")?;
    let leaving = inst
        .position(leaving_id)
        .filter(|i| panel.contains(i))
        .ok_or(format!("« {leaving_id} » n'est pas membre de ce panel."))?;
    let seed = need("--seed")?;
    let Some(new) = replacement::replace(&inst, &panel, leaving, &[], seed) else {
        return Err(format!(
            "Personne dans le vivier ne peut remplacer « {leaving_id} » en tenant tous les quotas."
        ));
    };
    let mut after: Vec<&str> = panel
        .iter()
        .filter(|&&i| i != leaving)
        .chain(std::iter::once(&new))
        .map(|&i| inst.ids[i].as_str())
        .collect();
    after.sort_unstable();
    let out = need("--out")?;
    write(out, crate::export::write_panel(after))?;
    let count = replacement::candidates(&inst, &panel, leaving).len();
    println!(
        "{}",
        tf!(
            "« {leaving_id} » est remplacé·e par « {} », tiré·e avec la graine « {seed} » parmi {count} personne(s) qui tiennent tous les quotas. Nouveau panel : {out}",
            inst.ids[new]
        )
    );
    Ok(())
}

fn verify(_: &Context, words: &[&str]) -> Result<(), String> {
    let o = options(words)?;
    let p = load(o.get("--portfolio").ok_or("--portfolio est obligatoire.")?)?;
    let choice = choice(&o)?;
    let ids = panel_ids(o.get("--panel").ok_or("--panel est obligatoire.")?)?;
    let lines = portfolio::verify(&p, &choice, &ids);
    for c in &lines {
        println!(
            "{} {}",
            if c.ok { "OK    " } else { "ÉCHEC " },
            typography(&c.line)
        );
    }
    if !lines.iter().all(|c| c.ok) {
        return Err("Le tirage n'est PAS vérifié : voir les lignes ÉCHEC.".into());
    }
    println!("Le tirage est vérifié.");
    Ok(())
}
