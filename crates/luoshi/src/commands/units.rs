//! `luoshi units list|alias|merge`: 责任单位 as first-class records.

use super::Global;
use crate::ledger_output::{Format, actor, emit, open_store, print_json, table};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(clap::Subcommand, Debug)]
pub enum Action {
    /// Every unit with its aliases and task counts.
    List {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Make ALIAS another name of UNIT (e.g. `units alias 市统计局 许昌市统计局`).
    Alias {
        unit: String,
        alias: String,
        #[arg(long)]
        actor: Option<String>,
    },
    /// Merge unit FROM into unit INTO: its tasks, users and names move over.
    Merge {
        from: String,
        into: String,
        #[arg(long)]
        actor: Option<String>,
    },
}

pub async fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let store = open_store(&global.db).await?;
    match args.action {
        Action::List { format } => {
            let units = store.units().await?;
            if format == Format::Json {
                return print_json(&units);
            }
            let mut out = table(&["id", "单位", "别名", "任务", "牵头"]);
            for u in &units {
                out.add_row(vec![
                    u.id.to_string(),
                    u.name.clone(),
                    u.aliases.join("、"),
                    u.task_count.to_string(),
                    u.lead_count.to_string(),
                ]);
            }
            emit(&out.to_string());
        }
        Action::Alias { unit, alias, actor: who } => {
            store.add_unit_alias(&actor(who.as_deref()), &unit, &alias).await?;
            emit(&format!("{alias} 已作为 {unit} 的别名"));
        }
        Action::Merge { from, into, actor: who } => {
            let unit = store.merge_units(&actor(who.as_deref()), &from, &into).await?;
            emit(&format!("{from} 已并入 {}（单位 {}，任务{}项）", unit.name, unit.id, unit.task_count));
        }
    }
    Ok(())
}
