//! Knowledge of policy language, kept as data: each table is a static array
//! of rows, tested row kind by row kind. The code that walks the text lives
//! elsewhere; adding a word here is the usual way to teach the extractor.

pub mod comparators;
pub mod cues;
pub mod deadlines;
pub mod headings;
pub mod markers;
pub mod tables;
pub mod units;
