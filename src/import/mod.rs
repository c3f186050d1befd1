//! Reading the files people bring, free of IO: CSV as Excel writes it in France, and
//! what each import makes of its rows.

pub mod contacts;
pub mod csv;
pub mod followup;
pub mod invitation;
pub mod sortition;
pub mod supporters;
pub mod veille;
pub mod votes;
