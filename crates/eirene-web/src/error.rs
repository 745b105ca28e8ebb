//! What can go wrong with a request, answered as a page in the reader's language (or JSON).

use axum::http::StatusCode;

/// A request that cannot be answered.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// No such country, indicator, treaty or page.
    #[error("{0}")]
    NotFound(String),
    /// A query parameter or path segment that is malformed.
    #[error("parameter `{param}`: {reason}")]
    BadRequest {
        /// The parameter.
        param: String,
        /// Why it was refused.
        reason: String,
    },
    /// A failure of ours.
    #[error("{0}")]
    Internal(String),
}

impl WebError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            WebError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A bad parameter.
    pub fn bad(param: &str, reason: impl Into<String>) -> WebError {
        WebError::BadRequest {
            param: param.to_owned(),
            reason: reason.into(),
        }
    }

    /// The catalogue key of the page title.
    pub fn title_key(&self) -> &'static str {
        match self {
            WebError::NotFound(_) => "error.not_found",
            WebError::BadRequest { .. } => "error.bad_request",
            WebError::Internal(_) => "error.internal",
        }
    }
}

impl From<eirene_store::StoreError> for WebError {
    fn from(error: eirene_store::StoreError) -> Self {
        WebError::Internal(error.to_string())
    }
}

impl From<eirene_indicators::IndicatorError> for WebError {
    fn from(error: eirene_indicators::IndicatorError) -> Self {
        use eirene_indicators::IndicatorError;
        match error {
            IndicatorError::Unknown(id) => WebError::NotFound(format!("unknown indicator {id}")),
            IndicatorError::Selection(reason) => WebError::bad("selection", reason),
            other => WebError::Internal(other.to_string()),
        }
    }
}

impl From<eirene_treaties::records::RecordsError> for WebError {
    fn from(error: eirene_treaties::records::RecordsError) -> Self {
        WebError::Internal(error.to_string())
    }
}

/// The population raster could not be read: at start a wrong `--population`, later a file
/// changed or removed under the running server. The error names the file.
impl From<eirene_spatial::RasterError> for WebError {
    fn from(error: eirene_spatial::RasterError) -> Self {
        match error {
            // Already says it is about a population raster.
            eirene_spatial::RasterError::Format { .. } => WebError::Internal(error.to_string()),
            _ => WebError::Internal(format!("population raster: {error}")),
        }
    }
}
