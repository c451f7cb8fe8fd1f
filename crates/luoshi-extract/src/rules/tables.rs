//! Header words of a task table (分工方案): which column holds the task,
//! which the responsible units, which the deadline.

/// A task column's header holds one of these (工作任务, 重点任务, 任务内容,
/// 目标任务, 具体措施, 工作内容).
pub static TASK_HEADERS: &[&str] = &["任务", "措施", "举措", "工作内容", "重点工作", "主要内容", "事项", "工作要点"];

/// A unit column's header holds one of these (牵头单位, 责任部门, 配合单位,
/// or 牵头 / 配合 under a two-row 责任单位 header).
pub static UNIT_HEADERS: &[&str] = &["单位", "部门", "主体", "责任人", "牵头", "配合", "协办", "责任领导"];

/// Headers that hold 单位 but name a unit of measure, not a body.
pub static NOT_UNIT_HEADERS: &[&str] = &["单位", "计量单位"];

/// The lead's column: listed first.
pub static LEAD_HEADERS: &[&str] = &["牵头", "主责", "主办"];

/// A deadline column's header holds one of these (完成时限, 时间节点).
pub static DEADLINE_HEADERS: &[&str] = &["时限", "时间", "节点", "进度安排", "完成期限"];
