//! Why a published-app operation failed; the API turns it into its one error body
//! (`crate::error::ApiError`).

use appbundle_containers::EngineError;

/// A published-app operation that failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    /// 401: no or an unknown API key.
    Unauthorized(String),
    #[error("{0}")]
    /// 503: the container engine cannot be reached.
    Unavailable(String),
    #[error("{0}")]
    /// 404: no such app.
    NotFound(String),
    #[error("{0}")]
    /// 403: the app belongs to another user.
    Forbidden(String),
    #[error("{message}")]
    /// 429: a limit on running apps is reached.
    Quota {
        /// Which limit, and what to do.
        message: String,
        /// Seconds until the next idle sweep, the earliest the count may fall by itself.
        retry_after: u64,
    },
    #[error("{message}")]
    /// 503 with `Retry-After`: the host is under pressure; no new starts for now.
    Busy {
        /// Why, with the figures.
        message: String,
        /// Seconds until the next sample.
        retry_after: u64,
    },
    #[error("{0}")]
    /// 400: a malformed request.
    BadRequest(String),
    #[error("{0}")]
    /// 500: a failure of the service's own.
    Internal(String),
}

impl From<EngineError> for AppError {
    fn from(error: EngineError) -> Self {
        match error {
            EngineError::Unreachable(e) => AppError::Unavailable(format!(
                "the container engine is unreachable ({e}); published apps are unavailable, the rest of the service works"
            )),
            other => AppError::Internal(other.to_string()),
        }
    }
}
