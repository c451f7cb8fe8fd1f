//! The ledger's vocabulary as this crate uses it: task status and the
//! traffic light. Placeholder until luoshi-ledger publishes its types.

/// 任务状态: how a task stands against its targets and deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// 已完成
    Done,
    /// 超进度
    Ahead,
    /// 达进度
    OnTrack,
    /// 欠进度
    Behind,
    /// 未报送
    NotReported,
    /// 逾期未完成
    Overdue,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Done,
        Status::Ahead,
        Status::OnTrack,
        Status::Behind,
        Status::NotReported,
        Status::Overdue,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Status::Done => "已完成",
            Status::Ahead => "超进度",
            Status::OnTrack => "达进度",
            Status::Behind => "欠进度",
            Status::Overdue => "逾期未完成",
            Status::NotReported => "未报送",
        }
    }
}

/// 指示灯: green, yellow or red.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Light {
    Green,
    Yellow,
    Red,
}

impl Light {
    pub const ALL: [Light; 3] = [Light::Green, Light::Yellow, Light::Red];
    pub fn label(self) -> &'static str {
        match self {
            Light::Green => "绿",
            Light::Yellow => "黄",
            Light::Red => "红",
        }
    }
}

/// 里程碑状态 of a task without targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MilestoneState {
    /// 未启动
    NotStarted,
    /// 推进中
    InProgress,
    /// 已完成
    Done,
}

impl MilestoneState {
    pub const ALL: [MilestoneState; 3] = [
        MilestoneState::NotStarted,
        MilestoneState::InProgress,
        MilestoneState::Done,
    ];
    pub fn label(self) -> &'static str {
        match self {
            MilestoneState::NotStarted => "未启动",
            MilestoneState::InProgress => "推进中",
            MilestoneState::Done => "已完成",
        }
    }
    pub fn from_label(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.label() == text.trim())
    }
}
