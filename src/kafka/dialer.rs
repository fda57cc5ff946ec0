//! How a byte stream to a broker address is opened: direct TCP here; the k8s layer plugs in a
//! port-forward tunnel through the same trait.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite};

/// A bidirectional async byte stream.
pub trait AsyncReadWrite: AsyncRead + AsyncWrite + Send + Unpin {}
impl<T: AsyncRead + AsyncWrite + Send + Unpin> AsyncReadWrite for T {}

pub type BoxStream = Box<dyn AsyncReadWrite>;
pub type DialFuture<'a> = Pin<Box<dyn Future<Output = io::Result<BoxStream>> + Send + 'a>>;

/// Opens a stream to `"host:port"` (already rewritten by the address map). Object-safe so
/// `ConnectOptions` can hold an `Arc<dyn Dialer>`.
pub trait Dialer: Send + Sync + std::fmt::Debug {
    fn dial<'a>(&'a self, addr: &'a str) -> DialFuture<'a>;
}

/// Plain TCP with a connect timeout and Nagle off (admin requests are small and latency-bound).
#[derive(Debug, Clone)]
pub struct TcpDialer {
    pub connect_timeout: Duration,
}

impl Default for TcpDialer {
    fn default() -> Self {
        TcpDialer {
            connect_timeout: Duration::from_secs(10),
        }
    }
}

impl Dialer for TcpDialer {
    fn dial<'a>(&'a self, addr: &'a str) -> DialFuture<'a> {
        Box::pin(async move {
            let stream =
                tokio::time::timeout(self.connect_timeout, tokio::net::TcpStream::connect(addr))
                    .await
                    .map_err(|_| {
                        io::Error::new(
                            io::ErrorKind::TimedOut,
                            format!("connect timed out after {:?}", self.connect_timeout),
                        )
                    })??;
            stream.set_nodelay(true)?;
            Ok(Box::new(stream) as BoxStream)
        })
    }
}
