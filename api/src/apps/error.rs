//! Why a published-app operation failed; the API turns it into its one error body
//! (`crate::error::ApiError`).

use appbundle_containers::EngineError;

/// A published-app operation that failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Unavailable(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    Quota(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
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
