//! A 分工方案 laid out as a table, the usual shape of a task split: a title,
//! an opening paragraph, then 序号 / 重点任务 / 牵头单位 / 配合单位 / 完成时限.
//! Written for these tests in the style of such notices; the expected
//! reading of every row is in tests/task_table.rs.

use super::Block;

pub const HEADER: [&str; 5] = ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"];

pub const ROWS: [[&str; 5]; 8] = [
    ["1", "新增规上工业企业180家以上。加强企业培育库动态管理，落实小升规奖励政策。", "市工业和信息化局", "市统计局、各县（市、区）政府", "2024年12月底前"],
    ["2", "完成8个新建停车场建设，新增公共停车泊位2000个。", "市住房和城乡建设局", "市自然资源和规划局、市公安局", "2024年6月底前"],
    ["3", "实施老旧小区改造项目35个。完善小区配套设施。", "市住房和城乡建设局", "各县（市、区）政府", "2024年10月底前"],
    ["4", "全市规上工业增加值增速达到6.5%以上。", "市工业和信息化局", "市发展和改革委员会", "2024年6月底前"],
    ["5", "新培育省级专精特新中小企业50家。", "市工业和信息化局", "市科学技术局、市财政局", "2024年11月底前"],
    ["6", "推动300家企业开展数字化转型诊断服务。", "市工业和信息化局", "市大数据局", "2024年9月底前"],
    ["7", "城镇新增就业2.5万人，城镇调查失业率控制在5.5%以内。", "市人力资源和社会保障局", "各县（市、区）政府", "2024年12月底前"],
    ["8", "空气质量优良天数比例达到75%。", "市生态环境局", "市住房和城乡建设局、市交通运输局", "2024年12月底前"],
];

/// The whole document as blocks.
pub fn blocks() -> Vec<Block> {
    let mut rows: Vec<Vec<String>> = vec![HEADER.iter().map(|s| s.to_string()).collect()];
    rows.extend(ROWS.iter().map(|r| r.iter().map(|s| s.to_string()).collect()));
    vec![
        Block::Paragraph("某市2024年政府工作报告重点工作任务分工方案".into()),
        Block::Paragraph("为确保2024年政府工作报告确定的各项目标任务落到实处，现将重点工作任务分解如下。".into()),
        Block::Table(rows),
        Block::Paragraph("各牵头单位每月5日前报送上月工作进展。".into()),
    ]
}
