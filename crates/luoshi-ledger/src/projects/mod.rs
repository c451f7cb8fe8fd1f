//! 重点项目 and the 三个一批 campaign (签约一批、开工一批、投产一批): the pure
//! domain of key projects, their stages, the pipeline rates offices report,
//! and the actual of a target computed from the projects linked to it.
//!
//! - [`stage`]: 谋划 → 签约 → 开工 → 投产 → 达效, and the stage on a date
//! - [`project`]: a project, its 要素保障 problems, investment units
//! - [`rates`]: 落地率/开工率, 投产率, 达效率, 投资完成率 and 序时进度, by group
//! - [`links`]: targets whose actual is computed from linked projects
//!
//! Investment is held in 万元 throughout (what project sheets use); see
//! [`project::to_wan_yuan`] for the conversion of other units.

pub mod links;
pub mod project;
pub mod rates;
pub mod stage;

pub use links::{LinkMeasure, ProjectFilter, TargetLink, linked_actual, linked_actual_from_stats};
pub use project::{
    INVESTMENT_UNITS, ProblemKind, ProjectDraft, ProjectProblem, from_wan_yuan, to_wan_yuan, wan_yuan_per,
};
pub use rates::{
    GroupBy, GroupStats, PipelineStats, ProjectFacts, StageTotals, pipeline_stats, project_light, stats_by, year_progress,
};
pub use stage::{Stage, StageDates};
