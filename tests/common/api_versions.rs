//! One Kafka ApiVersions round trip over any byte stream (a TCP connection, a port-forward
//! stream): the first request a broker answers, and the smallest proof that bytes went both
//! ways. Shared by tests/kubelet.rs and benches/portforward.rs (included with `#[path]`).

use bytes::Bytes;
use kafka_protocol::messages::{ApiVersionsRequest, ApiVersionsResponse};
use kafka_protocol::protocol::StrBytes;
use kubectl_kafka::kafka::conn::{
    decode_api_versions, encode_request, frame_length, peek_correlation_id,
};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// ApiVersions key: every broker supports it, at version 0 without negotiation.
pub const API_VERSIONS_KEY: i16 = 18;

/// Sends ApiVersions v0 with `correlation_id` and reads the answer; checks the correlation id
/// and the error code.
pub async fn round_trip<S: AsyncRead + AsyncWrite + Unpin>(
    stream: &mut S,
    correlation_id: i32,
) -> Result<ApiVersionsResponse, String> {
    let frame = encode_request(
        &ApiVersionsRequest::default(),
        0,
        correlation_id,
        &StrBytes::from_static_str("kubelet-endpoint-test"),
    )?;
    stream
        .write_all(&frame)
        .await
        .map_err(|e| format!("sending ApiVersions: {e}"))?;
    stream
        .flush()
        .await
        .map_err(|e| format!("sending ApiVersions: {e}"))?;
    let mut prefix = [0u8; 4];
    stream
        .read_exact(&mut prefix)
        .await
        .map_err(|e| format!("reading the ApiVersions response: {e}"))?;
    // An ApiVersions answer is a few kilobytes; anything near 1 MiB is not one.
    let mut body = vec![0u8; frame_length(prefix, 1 << 20)?];
    stream
        .read_exact(&mut body)
        .await
        .map_err(|e| format!("reading the ApiVersions response body: {e}"))?;
    match peek_correlation_id(&body) {
        Some(id) if id == correlation_id => {}
        other => {
            return Err(format!(
                "response for correlation id {other:?}, sent {correlation_id}"
            ));
        }
    }
    let resp = decode_api_versions(Bytes::from(body), 0)?;
    if resp.error_code != 0 {
        return Err(format!(
            "ApiVersions answered error code {}",
            resp.error_code
        ));
    }
    if !resp.api_keys.iter().any(|k| k.api_key == API_VERSIONS_KEY) {
        return Err("the ApiVersions answer does not list ApiVersions itself".into());
    }
    Ok(resp)
}
