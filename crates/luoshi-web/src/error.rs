//! Errors a handler returns, and how each becomes an HTTP answer: an HTML
//! page for the browser routes, a JSON body `{"error": …}` for `/api/v1`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

/// What went wrong, in terms of the answer the client gets.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// 401: not signed in (pages redirect to the sign-in page instead).
    #[error("请先登录")]
    Unauthenticated,
    /// 401: wrong username or password.
    #[error("用户名或密码错误")]
    BadCredentials,
    /// 403: signed in, but the role or unit does not allow this.
    #[error("无权访问")]
    Forbidden,
    /// 404
    #[error("未找到{0}")]
    NotFound(&'static str),
    /// 400 with a message for the user.
    #[error("{0}")]
    BadRequest(String),
    /// 403: the form's CSRF token is missing or wrong.
    #[error("表单已失效，请刷新页面后重试")]
    Csrf,
    /// 429: too many failed sign-ins.
    #[error("登录失败次数过多，请{0}分钟后再试")]
    TooManyAttempts(u64),
    /// 500: logged, shown without details.
    #[error("服务器内部错误")]
    Internal(#[from] anyhow::Error),
}

impl WebError {
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::Unauthenticated | WebError::BadCredentials => StatusCode::UNAUTHORIZED,
            WebError::Forbidden | WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::TooManyAttempts(_) => StatusCode::TOO_MANY_REQUESTS,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn log(&self) {
        if let WebError::Internal(err) = self {
            tracing::error!("{err:#}");
            eprintln!("luoshi-web: {err:#}");
        }
    }

    pub fn bad(message: impl Into<String>) -> Self {
        WebError::BadRequest(message.into())
    }
}

pub type WebResult<T> = Result<T, WebError>;

/// An error on a browser page: a small HTML page (or, when not signed in,
/// a redirect to the sign-in page).
#[derive(Debug)]
pub struct PageError(pub WebError);

impl<E: Into<WebError>> From<E> for PageError {
    fn from(err: E) -> Self {
        PageError(err.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let err = self.0;
        err.log();
        if matches!(err, WebError::Unauthenticated) {
            return Redirect::to("/login").into_response();
        }
        let status = err.status();
        let body = format!(
            "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{code} - 落实·任务督查</title>\
             <link rel=\"stylesheet\" href=\"/static/luoshi.css\"></head><body><main><div class=\"panel\">\
             <h1>{code} {reason}</h1><p>{message}</p><p><a href=\"/\">返回首页</a></p></div></main></body></html>",
            code = status.as_u16(),
            reason = status_label(status),
            message = askama::filters::escape(err.to_string(), askama::filters::Html)
                .map(|s| s.to_string())
                .unwrap_or_default(),
        );
        (status, Html(body)).into_response()
    }
}

fn status_label(status: StatusCode) -> &'static str {
    match status {
        StatusCode::FORBIDDEN => "无权访问",
        StatusCode::NOT_FOUND => "页面不存在",
        StatusCode::BAD_REQUEST => "请求有误",
        StatusCode::TOO_MANY_REQUESTS => "请求过于频繁",
        _ => "出错了",
    }
}

/// An error on the JSON API.
#[derive(Debug)]
pub struct ApiError(pub WebError);

impl<E: Into<WebError>> From<E> for ApiError {
    fn from(err: E) -> Self {
        ApiError(err.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.log();
        let mut response = (self.0.status(), Json(serde_json::json!({ "error": self.0.to_string() }))).into_response();
        if matches!(self.0, WebError::Unauthenticated) {
            response
                .headers_mut()
                .insert(axum::http::header::WWW_AUTHENTICATE, axum::http::HeaderValue::from_static("Bearer"));
        }
        response
    }
}

pub type PageResult<T> = Result<T, PageError>;
pub type ApiResult<T> = Result<T, ApiError>;
