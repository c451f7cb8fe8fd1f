//! The JSON API under `/api/v1`: the same rights and the same code paths as
//! the pages, `Authorization: Bearer TOKEN` from `POST /api/v1/login`.
//! Every route is declared with `#[utoipa::path]` and registered through
//! `utoipa_axum::routes!`, so `/api/v1/openapi.json` lists exactly the
//! routes the router serves.

mod handlers;

pub use handlers::ErrorBody;

use std::sync::Arc;

use axum::Router;
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(title = "luoshi 落实 API", description = "任务台账、进展报送、审核、催办、导入、单位与用户。除 /login 外均需 Authorization: Bearer TOKEN。"),
    modifiers(&BearerAuth),
    security(("bearer" = []))
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()));
    }
}

/// The API router (paths are absolute) and its OpenAPI document.
pub fn router() -> (Router<Arc<AppState>>, utoipa::openapi::OpenApi) {
    use handlers::*;
    let (router, api) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
        .routes(routes!(dashboard))
        .routes(routes!(list_tasks))
        .routes(routes!(get_task))
        .routes(routes!(file_task_progress))
        .routes(routes!(file_target_progress))
        .routes(routes!(list_reviews))
        .routes(routes!(accept_report))
        .routes(routes!(return_report))
        .routes(routes!(list_reminders, issue_reminders))
        .routes(routes!(import_preview))
        .routes(routes!(import_save))
        .routes(routes!(list_units))
        .routes(routes!(add_unit_alias))
        .routes(routes!(list_users, add_user))
        .routes(routes!(crate::reports::api::document_report))
        .routes(routes!(crate::reports::api::export_ledger))
        .routes(routes!(crate::reports::api::export_status))
        .routes(routes!(crate::reports::api::export_progress))
        .routes(routes!(crate::reports::api::import_progress))
        .routes(routes!(crate::reports::api::import_ledger))
        .routes(routes!(openapi_json))
        .split_for_parts();
    (router, api)
}

/// The OpenAPI document as served: these routes and the 重点项目 routes
/// (`crate::projects::api`), so that it lists every route under /api/v1.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = router().1;
    doc.merge(crate::projects::api::router().1);
    doc
}
