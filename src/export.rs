//! Export glue.
