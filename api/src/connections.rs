//! Accepting connections: hyper's server with the timeouts `axum::serve` does not set. A client
//! that sends its headers a byte at a time (slowloris), or opens a connection and sends nothing,
//! is closed after `header_timeout` instead of holding a socket and a task for ever; a body the
//! service reads whole must arrive within `body_timeout` (see [`body_deadline`]).

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tower::ServiceExt;

use crate::error::ApiError;
use crate::state::AppState;

/// How long to wait before accepting again when `accept` fails (out of file descriptors: the
/// connections that hold them get the time to finish).
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

/// Serves `router` on `listener` until `shutdown` resolves, then lets connections finish.
pub async fn serve_connections(
    listener: tokio::net::TcpListener,
    router: Router,
    header_timeout: Duration,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(header_timeout);
    let builder = Arc::new(builder);
    let graceful = GracefulShutdown::new();
    let mut shutdown = pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let hyper_service = TowerToHyperService::new(router.clone().map_request(
            move |request: Request<hyper::body::Incoming>| {
                let mut request = request.map(Body::new);
                request.extensions_mut().insert(ConnectInfo(remote));
                request
            },
        ));
        let builder = builder.clone();
        let watcher = graceful.watcher();
        tokio::spawn(async move {
            // hyper's header timeout starts once a request does: a connection that sends
            // nothing at all is closed here.
            let mut first = [0u8; 1];
            match tokio::time::timeout(header_timeout, stream.peek(&mut first)).await {
                Ok(Ok(n)) if n > 0 => {}
                _ => return,
            }
            let connection =
                builder.serve_connection_with_upgrades(TokioIo::new(stream), hyper_service);
            if let Err(error) = watcher.watch(connection.into_owned()).await {
                tracing::trace!(%error, %remote, "connection ended");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// Reads a request's whole body within the configured deadline (and the body limit) before the
/// handler runs: a client that sends it slowly gets 408, and holds nothing longer.
pub async fn body_deadline(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let limit = state.config.body_limit;
    let deadline = state.config.body_timeout;
    match tokio::time::timeout(deadline, axum::body::to_bytes(body, limit)).await {
        Ok(Ok(bytes)) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Ok(Err(_)) => ApiError::PayloadTooLarge(format!(
            "the request body is over {limit} bytes, or was cut off"
        ))
        .into_response(),
        Err(_) => ApiError::RequestTimeout(format!(
            "the request body did not arrive within {} ms",
            deadline.as_millis()
        ))
        .into_response(),
    }
}
