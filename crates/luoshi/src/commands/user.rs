//! `luoshi user add NAME --role admin|supervisor|leader|unit [--unit NAME] --password-stdin`,
//! `luoshi user list`, `luoshi user passwd NAME --password-stdin`.

use std::io::Read;

use anyhow::{Context, bail};
use luoshi_ledger::Role;
use luoshi_store::{NewUser, Store, UserChange};
use luoshi_web::auth::password::{check_new_password, hash_password};

use super::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: UserCommand,
}

#[derive(clap::Subcommand, Debug)]
pub enum UserCommand {
    /// Create a user who signs in to the web app.
    Add {
        /// The sign-in name (letters, digits, `_`, `.`, `-`).
        name: String,
        /// admin (系统管理员), supervisor (督查室), leader (分管领导), unit (责任单位填报员).
        #[arg(long)]
        role: String,
        /// The unit (name, alias or id): required for `unit`, optional for `leader`.
        #[arg(long)]
        unit: Option<String>,
        /// The name shown in the app (default: NAME).
        #[arg(long)]
        display_name: Option<String>,
        /// Read the password from standard input (first line).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// List users.
    List,
    /// Set a user's password (read from standard input).
    Passwd {
        name: String,
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

/// The first line of standard input, checked as a new password.
fn read_password() -> anyhow::Result<String> {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).context("reading the password from standard input")?;
    let password = input.lines().next().unwrap_or("").trim_end_matches('\r').to_string();
    check_new_password(&password).map_err(|e| anyhow::anyhow!("{e} (password must be at least 8 characters)"))?;
    Ok(password)
}

/// Create (or, with `replace`, reset the password and role of) a user.
pub async fn add_user(
    store: &Store,
    name: &str,
    role: Role,
    unit: Option<&str>,
    display_name: Option<String>,
    password: &str,
    replace: bool,
) -> anyhow::Result<()> {
    let unit_id = match unit {
        Some(unit) => Some(store.unit_id(unit).await?.with_context(|| {
            format!("no unit {unit:?} in the ledger (units come from imported documents; see `luoshi` import)")
        })?),
        None => None,
    };
    if role == Role::Unit && unit_id.is_none() {
        bail!("a unit reporter needs --unit NAME");
    }
    if unit_id.is_some() && !matches!(role, Role::Unit | Role::Leader) {
        bail!("--unit applies to the roles unit and leader only");
    }
    let password = password.to_string();
    let password_hash = tokio::task::spawn_blocking(move || hash_password(&password)).await??;
    match store.user_by_name(name).await? {
        Some(existing) if replace => {
            let change = UserChange {
                role: Some(role),
                unit_id: Some(unit_id),
                display_name: Some(display_name),
                password_hash: Some(password_hash),
                active: Some(true),
            };
            store.update_user("cli", existing.id, change).await?;
        }
        Some(_) => bail!("user {name} already exists"),
        None => {
            store.create_user("cli", NewUser { username: name.to_string(), display_name, password_hash, role, unit_id }).await?;
        }
    }
    Ok(())
}

pub async fn run(global: &Global, args: Args) -> anyhow::Result<()> {
    let store = Store::open(&global.db).await?;
    match args.command {
        UserCommand::Add { name, role, unit, display_name, .. } => {
            let role: Role = role.parse().map_err(|e| anyhow::anyhow!("{e}"))?;
            if !name.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c)) || name.is_empty() {
                bail!("user name {name:?}: use letters, digits, `_`, `.` or `-`");
            }
            let password = read_password()?;
            add_user(&store, &name, role, unit.as_deref(), display_name, &password, false).await?;
            println!("added user {name} ({})", role.label());
        }
        UserCommand::List => {
            let units = store.units().await?;
            for user in store.users().await? {
                let unit = user.unit_id.and_then(|id| units.iter().find(|u| u.id == id)).map(|u| u.name.as_str()).unwrap_or("");
                println!(
                    "{}\t{}\t{}\t{}",
                    user.username,
                    user.role.name(),
                    unit,
                    if user.active { "active" } else { "inactive" }
                );
            }
        }
        UserCommand::Passwd { name, .. } => {
            let user = store.user_by_name(&name).await?.with_context(|| format!("no user {name}"))?;
            let password = read_password()?;
            let hash = tokio::task::spawn_blocking(move || hash_password(&password)).await??;
            store.update_user("cli", user.id, UserChange { password_hash: Some(hash), ..UserChange::default() }).await?;
            println!("password of {name} changed");
        }
    }
    store.close().await;
    Ok(())
}
