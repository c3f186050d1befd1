//! The dossier de convention's memory: which sections and appendices a person chose
//! for each convention, offered again the next time.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};
use crate::domain::dossier::DossierChoice;
use crate::domain::ids::ConventionId;

impl Store {
    /// The choice last made for this convention's dossier, else the default one.
    pub fn dossier_choice(&self, convention: ConventionId) -> Result<DossierChoice, StoreError> {
        let saved: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT sections, appendices FROM dossier_choices WHERE convention_id = ?1",
                [convention.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((sections, appendices)) = saved else {
            return Ok(DossierChoice::default());
        };
        Ok(DossierChoice {
            sections: DossierChoice::parse_sections(&sections)?,
            appendices: DossierChoice::parse_appendices(&appendices)?,
        })
    }

    /// Remembers the choice for this convention.
    pub fn save_dossier_choice(
        &mut self,
        convention: ConventionId,
        choice: &DossierChoice,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO dossier_choices (convention_id, sections, appendices) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (convention_id) DO UPDATE SET sections = ?2, appendices = ?3",
                params![
                    convention.0,
                    choice.section_codes(),
                    choice.appendix_codes()
                ],
            )?;
            tx.journal(
                "dossier",
                "convention",
                Some(convention.0),
                "Dossier de convention : choix des sections et des annexes enregistré",
            )
        })
    }
}
