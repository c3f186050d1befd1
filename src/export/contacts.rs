//! The directory's documents, rendered from the store: lists of contacts (CSV,
//! vCard), a campaign's mail merge, one person's data for an access request, and the
//! recovery key of an encrypted store. All hold personal data.

use chrono::Local;

use super::{ExportError, Rendered, Written, csv_line, number_cell};
use crate::domain::ids::ContactId;
use crate::store::Store;
use crate::store::{ContactFilter, StoreError};

/// The directory's contacts the filter keeps, as CSV (UTF-8 with BOM, `;`).
pub(super) fn contacts_csv(store: &Store, filter: &ContactFilter) -> Result<Rendered, ExportError> {
    let rows = store.contacts_page(filter, 0, u32::MAX)?;
    let mut out = String::from("\u{FEFF}");
    out.push_str("Civilité;Nom;Prénom;Structure;Fonction;Courriel;Téléphone;Adresse;Code postal;Ville;Secteur;Quartier;Type;Étiquettes;Notes\r\n");
    for r in &rows {
        let c = store.contact(r.id)?;
        let tags = c.tags.join(", ");
        let before = [
            c.civility.as_str(),
            if c.is_organisation {
                ""
            } else {
                c.last_name.as_str()
            },
            c.first_name.as_str(),
            c.organisation.as_str(),
            c.role.as_str(),
            c.email.as_str(),
        ];
        let after = [
            c.address.as_str(),
            c.postal_code.as_str(),
            c.city.as_str(),
            c.sector.map_or("", |s| s.label()),
            c.neighbourhood.as_str(),
            c.kind.label(),
            tags.as_str(),
            c.notes.as_str(),
        ];
        // The phone stays readable (« +33 6… »); every other column is free text.
        let line = csv_line(&before);
        out.push_str(line.trim_end_matches("\r\n"));
        out.push(';');
        out.push_str(&number_cell(&c.phone));
        out.push(';');
        out.push_str(&csv_line(&after));
    }
    Ok(Rendered::list("contact", out.into_bytes(), rows.len(), 0))
}

/// The contacts the filter keeps, as vCards (3.0, one card each).
pub(super) fn vcards(store: &Store, filter: &ContactFilter) -> Result<Rendered, ExportError> {
    let esc = |s: &str| {
        s.replace('\\', "\\\\")
            .replace(';', "\\;")
            .replace(',', "\\,")
            .replace('\n', "\\n")
    };
    let rows = store.contacts_page(filter, 0, u32::MAX)?;
    let mut out = String::new();
    for r in &rows {
        let c = store.contact(r.id)?;
        out.push_str("BEGIN:VCARD\r\nVERSION:3.0\r\n");
        if c.is_organisation {
            out.push_str(&format!("N:;;;;\r\nFN:{}\r\n", esc(&c.organisation)));
        } else {
            out.push_str(&format!(
                "N:{};{};;{};\r\nFN:{}\r\n",
                esc(&c.last_name),
                esc(&c.first_name),
                esc(&c.civility),
                esc(&c.display_name())
            ));
        }
        if !c.organisation.is_empty() {
            out.push_str(&format!("ORG:{}\r\n", esc(&c.organisation)));
        }
        if !c.role.is_empty() {
            out.push_str(&format!("TITLE:{}\r\n", esc(&c.role)));
        }
        if !c.email.is_empty() {
            out.push_str(&format!("EMAIL;TYPE=INTERNET:{}\r\n", esc(&c.email)));
        }
        if !c.phone.is_empty() {
            out.push_str(&format!("TEL:{}\r\n", esc(&c.phone)));
        }
        if !c.address.is_empty() || !c.city.is_empty() {
            out.push_str(&format!(
                "ADR:;;{};{};;{};France\r\n",
                esc(&c.address),
                esc(&c.city),
                esc(&c.postal_code)
            ));
        }
        out.push_str("END:VCARD\r\n");
    }
    Ok(Rendered::list("contact", out.into_bytes(), rows.len(), 0))
}

/// A campaign's mail-merge file (the fields a letter needs; UTF-8 with BOM, `;`),
/// leaving out anyone who may no longer be written to.
pub(super) fn mail_merge(store: &Store, campaign: i64) -> Result<Rendered, ExportError> {
    let mut out = String::from("\u{FEFF}");
    out.push_str("Civilité;Prénom;Nom;Structure;Adresse;Code postal;Ville;Courriel;Statut\r\n");
    let (mut written, mut left) = (0, 0);
    for r in store.recipients(campaign)? {
        if store.exclusion(r.contact)?.is_some() {
            left += 1;
            continue;
        }
        let c = store.contact(r.contact)?;
        let cells = [
            c.civility.as_str(),
            c.first_name.as_str(),
            c.last_name.as_str(),
            c.organisation.as_str(),
            c.address.as_str(),
            c.postal_code.as_str(),
            c.city.as_str(),
            c.email.as_str(),
            r.status.label(),
        ];
        out.push_str(&csv_line(&cells));
        written += 1;
    }
    let mut r = Rendered::list("campaign", out.into_bytes(), written, left);
    r.entity_id = Some(campaign);
    Ok(r)
}

/// Everything the directory holds about one person (an access request), as JSON.
pub(super) fn person_data(store: &Store, id: ContactId) -> Result<Rendered, ExportError> {
    let c = store.contact(id)?;
    let consents: Vec<serde_json::Value> = store
        .consents(id)?
        .into_iter()
        .map(|k| {
            serde_json::json!({
                "objet": k.scope.label(),
                "donné": k.given,
                "date": k.date.to_string(),
                "canal": k.channel.label(),
                "formulation": k.wording_version,
            })
        })
        .collect();
    let memberships: Vec<serde_json::Value> = store
        .memberships(id)?
        .into_iter()
        .map(|(_, org, role)| serde_json::json!({ "structure": org, "rôle": role }))
        .collect();
    let participations: Vec<serde_json::Value> = store
        .participations(id)?
        .into_iter()
        .map(|p| serde_json::json!({ "convention": p.convention_title, "rôle": p.role.label() }))
        .collect();
    let meetings: Vec<serde_json::Value> = store
        .meetings_attended(id)?
        .into_iter()
        .map(|m| {
            serde_json::json!({ "date": m.date.to_string(), "réunion": m.title, "présence": m.status.label() })
        })
        .collect();
    let seats: Vec<serde_json::Value> = store
        .seats_of(id)?
        .into_iter()
        .map(|(m, body)| {
            serde_json::json!({
                "instance": body, "du": m.start.to_string(), "au": m.end.to_string(),
                "désignation": m.mode.label(), "mandat": m.term,
                "départ": m.left_on.map(|d| d.to_string()),
            })
        })
        .collect();
    let contributions: Vec<serde_json::Value> = store
        .contributions_of(id)?
        .into_iter()
        .map(|(charter, x)| {
            serde_json::json!({
                "charte": charter, "numéro": x.number,
                "reçue le": x.received_on.map(|d| d.to_string()),
                "proposition": x.proposal, "suite donnée": x.state().label(),
                "réponse": x.answer,
            })
        })
        .collect();
    let files: Vec<String> = store
        .attachments_of(crate::domain::attachment::Owner::Contact(id))?
        .into_iter()
        .map(|a| a.name)
        .collect();
    let data = serde_json::json!({
        "personne": {
            "civilité": c.civility, "prénom": c.first_name, "nom": c.last_name,
            "structure": c.organisation, "fonction": c.role, "courriel": c.email,
            "téléphone": c.phone, "adresse": c.address, "code postal": c.postal_code,
            "ville": c.city, "secteur": c.sector.map(|s| s.label()), "quartier": c.neighbourhood,
            "type": c.kind.label(), "genre": c.gender, "tranche d'âge": c.age_band,
            "CSP": c.csp, "diplôme": c.diploma, "notes": c.notes, "étiquettes": c.tags,
            "ne pas contacter": c.do_not_contact,
        },
        "consentements": consents,
        "appartenances": memberships,
        "conventions": participations,
        "réunions": meetings,
        "instances": seats,
        "veille": store.veille_notes_of(id)?,
        "contributions": contributions,
        "pièces jointes": files,
    });
    let text = serde_json::to_string_pretty(&data).unwrap_or_default();
    Ok(Rendered::about("contact", id.0, text.into_bytes()))
}

/// The recovery key of an encrypted store, with what to do with it (the log names
/// the document, never the key).
pub(super) fn recovery_key(store: &Store) -> Result<Rendered, ExportError> {
    let key = store.key().ok_or(StoreError::NotEncrypted)?.recovery_text();
    let settings = store.settings()?;
    let text = format!(
        "{} — {}\r\nClé de secours de la base Agora\r\n\r\n{key}\r\n\r\n\
         Cette clé ouvre la base chiffrée à la place de sa phrase de passe (commande :\r\n\
         AGORA_CLE_DE_SECOURS=\"…\" agora …, ou « Clé de secours » à l’ouverture).\r\n\
         Imprimez-la, rangez-la sous clé, à part de l’ordinateur, puis supprimez ce fichier.\r\n\
         Sans la phrase de passe ni cette clé, les données ne peuvent pas être retrouvées.\r\n\
         Établie le {}.\r\n",
        settings.organisation,
        settings.mission,
        crate::domain::text::date_short(Local::now().date_naive())
    );
    Ok(Rendered {
        bytes: text.into_bytes(),
        entity: "settings",
        entity_id: None,
        written: Written::default(),
    })
}
