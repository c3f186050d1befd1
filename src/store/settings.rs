//! The office's settings: names printed on documents, backup policy, first-run state.

use rusqlite::{OptionalExtension, params};

use super::backup::RotationPolicy;
use super::{Store, StoreError};

/// Settings kept in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// "Ville de Grenoble".
    pub organisation: String,
    /// "Mission Démocratie locale".
    pub mission: String,
    pub rotation: RotationPolicy,
    /// The welcome screen was answered (demo loaded or empty dossier chosen).
    pub welcomed: bool,
    /// Years after a contact's last participation before their data is reviewed.
    pub retention_years: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            organisation: "Ville de Grenoble".into(),
            mission: "Mission Démocratie locale".into(),
            rotation: RotationPolicy::default(),
            welcomed: false,
            retention_years: 3,
        }
    }
}

impl Settings {
    /// "Ville de Grenoble — Mission Démocratie locale", printed on every document.
    pub fn letterhead(&self) -> String {
        format!("{} — {}", self.organisation, self.mission)
    }

    /// The town an attestation is made in, read from the organisation's name
    /// (« Ville de Grenoble » → « Grenoble »); `None` when it does not say.
    pub fn town(&self) -> Option<&str> {
        [
            "Ville de ",
            "Ville d’",
            "Ville d'",
            "Mairie de ",
            "Commune de ",
        ]
        .iter()
        .find_map(|p| self.organisation.strip_prefix(p))
        .map(str::trim)
        .filter(|t| !t.is_empty())
    }
}

impl Store {
    fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Reads the settings, defaults where nothing was saved.
    pub fn settings(&self) -> Result<Settings, StoreError> {
        let d = Settings::default();
        let num = |key: &str, default: u32| -> Result<u32, StoreError> {
            Ok(self
                .setting(key)?
                .and_then(|v| v.parse().ok())
                .unwrap_or(default))
        };
        Ok(Settings {
            organisation: self.setting("organisation")?.unwrap_or(d.organisation),
            mission: self.setting("mission")?.unwrap_or(d.mission),
            rotation: RotationPolicy {
                daily: num("backup_daily", d.rotation.daily)?,
                weekly: num("backup_weekly", d.rotation.weekly)?,
                monthly: num("backup_monthly", d.rotation.monthly)?,
            },
            welcomed: self.setting("welcomed")?.as_deref() == Some("1"),
            retention_years: num("retention_years", d.retention_years)?,
        })
    }

    /// Saves the settings.
    pub fn save_settings(&mut self, s: &Settings) -> Result<(), StoreError> {
        if s.organisation.trim().is_empty() {
            return Err(crate::domain::DomainError::Required("Organisation").into());
        }
        s.rotation.check()?;
        if !(1..=30).contains(&s.retention_years) {
            return Err(StoreError::Refused(format!(
                "durée de conservation de {} an(s) : attendu entre 1 et 30 ans",
                s.retention_years
            )));
        }
        self.write(|tx| {
            let pairs = [
                ("organisation", s.organisation.trim().to_string()),
                ("mission", s.mission.trim().to_string()),
                ("backup_daily", s.rotation.daily.to_string()),
                ("backup_weekly", s.rotation.weekly.to_string()),
                ("backup_monthly", s.rotation.monthly.to_string()),
                ("welcomed", if s.welcomed { "1" } else { "0" }.to_string()),
                ("retention_years", s.retention_years.to_string()),
            ];
            for (k, v) in pairs {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2) \
                     ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    params![k, v],
                )?;
            }
            tx.journal("update", "settings", None, "Paramètres enregistrés")
        })
    }

    /// Whether the store holds no dossier at all (no convention, no contact).
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM conventions) + (SELECT count(*) FROM contacts)",
            [],
            |r| r.get(0),
        )?;
        Ok(n == 0)
    }
}
