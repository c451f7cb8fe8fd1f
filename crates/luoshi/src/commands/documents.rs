//! `luoshi documents [--format json|table]`: the stored documents and versions.

use super::Global;
use crate::ledger_output::{Format, emit, open_store, print_json, table};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub async fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let store = open_store(&global.db).await?;
    let documents = store.documents().await?;
    if args.format == Format::Json {
        return print_json(&documents);
    }
    let mut out = table(&["id", "标题", "年度", "版本", "任务", "报送周期", "来源", "入库时间"]);
    for d in &documents {
        let version = if d.superseded { format!("{}（已被替代）", d.version) } else { d.version.to_string() };
        out.add_row(vec![
            d.id.to_string(),
            d.title.clone().unwrap_or_else(|| "（无标题）".into()),
            d.year.map_or_else(|| "—".into(), |y| y.to_string()),
            version,
            d.task_count.to_string(),
            d.reporting_cycle.label().to_string(),
            d.source.clone(),
            d.ingested_at.chars().take(19).collect(),
        ]);
    }
    emit(&out.to_string());
    Ok(())
}
