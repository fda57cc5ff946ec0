//! The mount plan of a mini container. Containers see the host's file system with the image's
//! paths, the volumes and the pod's /etc files mounted over it, in their own mount namespace.
//!
//! A mount needs a mount point, and a container must never write into the host's directories
//! around it (in a real container those writes land in its own writable layer). So, walking down
//! a target's path, the first component that is missing on the host or an empty directory
//! becomes the root of a private tmpfs in the container (an empty directory hides nothing),
//! inside which the rest of the path is built; a missing component is first created on the host
//! (the shallowest one only, recorded so `down.sh --purge` removes it). Targets inside a path the
//! container already owns privately (an image directory: an overlay with a per-container upper
//! layer, or such a tmpfs) need nothing on the host. Pure.

use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

/// One mount, in the order the shim performs them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mount {
    pub target: PathBuf,
    pub kind: MountKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum MountKind {
    /// An empty private directory tree to build missing paths in.
    Tmpfs,
    /// An image directory: the cached content read-only below a per-container writable layer.
    Overlay {
        lower: PathBuf,
        upper: PathBuf,
        work: PathBuf,
    },
    Bind {
        source: PathBuf,
        readonly: bool,
        file: bool,
    },
}

/// What a container wants mounted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Want {
    /// An image path: a directory becomes an overlay, a file a read-only bind.
    Image { source: PathBuf, is_dir: bool },
    /// A volume, a pod file (/etc/hosts) or the container's /tmp.
    Bind {
        source: PathBuf,
        readonly: bool,
        is_dir: bool,
    },
}

/// A path the plan creates on the host as a mount point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostMountPoint {
    pub path: PathBuf,
    pub file: bool,
}

fn depth(p: &Path) -> usize {
    p.components().count()
}

/// What a path is on the host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostKind {
    Missing,
    EmptyDir,
    Dir,
    File,
}

/// Plans the mounts. `host` says what a path is on the host; `layers` is the per-container
/// directory for overlay layers. Image paths are mounted first (shallowest first), then
/// everything else (shallowest first).
pub fn plan(
    wanted: &[(PathBuf, Want)],
    layers: &Path,
    host: &dyn Fn(&Path) -> HostKind,
) -> Result<(Vec<Mount>, Vec<HostMountPoint>), String> {
    let mut order: Vec<&(PathBuf, Want)> = wanted.iter().collect();
    order.sort_by_key(|(t, w)| (!matches!(w, Want::Image { .. }), depth(t)));
    let mut mounts = Vec::new();
    let mut created: Vec<HostMountPoint> = Vec::new();
    let mut private: Vec<PathBuf> = Vec::new();
    let kind_of = |p: &Path, created: &[HostMountPoint]| -> HostKind {
        match created.iter().find(|c| c.path == p) {
            Some(c) if c.file => HostKind::File,
            Some(_) => HostKind::EmptyDir,
            None => host(p),
        }
    };
    for (i, (target, want)) in order.into_iter().enumerate() {
        if !target.is_absolute()
            || target
                .components()
                .any(|c| matches!(c, Component::ParentDir))
        {
            return Err(format!(
                "mount path {} must be absolute, without ..",
                target.display()
            ));
        }
        let target_is_dir = match want {
            Want::Image { is_dir, .. } | Want::Bind { is_dir, .. } => *is_dir,
        };
        let inside_private = private.iter().any(|p| target.starts_with(p) && target != p);
        if !inside_private {
            // The first component, walking down, that is missing or an empty directory.
            let mut cur = PathBuf::from("/");
            let mut first: Option<(PathBuf, HostKind)> = None;
            for c in target.components().skip(1) {
                cur.push(c);
                match kind_of(&cur, &created) {
                    HostKind::Dir => continue,
                    HostKind::File if &cur != target => {
                        return Err(format!(
                            "cannot mount on {}: {} is a file on this machine",
                            target.display(),
                            cur.display()
                        ));
                    }
                    HostKind::File => {}
                    k => first = Some((cur.clone(), k)),
                }
                break;
            }
            let mismatch = |is_dir: bool| {
                format!(
                    "cannot mount a {} on {}: it is a {} on this machine",
                    if target_is_dir { "directory" } else { "file" },
                    target.display(),
                    if is_dir { "directory" } else { "file" }
                )
            };
            match first {
                // every component exists: the target itself is the mount point
                None => match kind_of(target, &created) {
                    HostKind::File if target_is_dir => return Err(mismatch(false)),
                    HostKind::Dir | HostKind::EmptyDir if !target_is_dir => {
                        return Err(mismatch(true));
                    }
                    _ => {}
                },
                Some((p, kind)) if &p == target => match kind {
                    HostKind::EmptyDir if !target_is_dir => return Err(mismatch(true)),
                    HostKind::Missing => created.push(HostMountPoint {
                        path: p,
                        file: !target_is_dir,
                    }),
                    _ => {}
                },
                Some((p, kind)) => {
                    if kind == HostKind::Missing {
                        created.push(HostMountPoint {
                            path: p.clone(),
                            file: false,
                        });
                    }
                    mounts.push(Mount {
                        target: p.clone(),
                        kind: MountKind::Tmpfs,
                    });
                    private.push(p);
                }
            }
        }
        let kind = match want {
            Want::Image {
                source,
                is_dir: true,
            } => MountKind::Overlay {
                lower: source.clone(),
                upper: layers.join(format!("{i}")).join("upper"),
                work: layers.join(format!("{i}")).join("work"),
            },
            Want::Image {
                source,
                is_dir: false,
            } => MountKind::Bind {
                source: source.clone(),
                readonly: true,
                file: true,
            },
            Want::Bind {
                source,
                readonly,
                is_dir,
            } => MountKind::Bind {
                source: source.clone(),
                readonly: *readonly,
                file: !is_dir,
            },
        };
        if matches!(kind, MountKind::Overlay { .. }) {
            private.push(target.clone());
        }
        mounts.push(Mount {
            target: target.clone(),
            kind,
        });
    }
    Ok((mounts, created))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn host() -> BTreeMap<PathBuf, HostKind> {
        use HostKind::*;
        [
            ("/", Dir),
            ("/opt", Dir),
            ("/opt/empty", EmptyDir),
            ("/etc", Dir),
            ("/etc/hosts", File),
            ("/usr", Dir),
            ("/usr/bin", Dir),
            ("/var", Dir),
            ("/var/lib", Dir),
            ("/tmp", Dir),
        ]
        .into_iter()
        .map(|(p, d)| (PathBuf::from(p), d))
        .collect()
    }

    fn kinds(h: &BTreeMap<PathBuf, HostKind>) -> impl Fn(&Path) -> HostKind + '_ {
        |p: &Path| h.get(p).copied().unwrap_or(HostKind::Missing)
    }

    fn image(src: &str) -> Want {
        Want::Image {
            source: src.into(),
            is_dir: true,
        }
    }
    fn vol(src: &str) -> Want {
        Want::Bind {
            source: src.into(),
            readonly: false,
            is_dir: true,
        }
    }

    #[test]
    fn existing_parents_need_only_the_leaf_and_private_paths_nothing() {
        let h = host();
        let kind = kinds(&h);
        let wanted = vec![
            (
                PathBuf::from("/var/lib/kafka/data"),
                vol("/tb/data/ns/data-kafka-0"),
            ),
            (
                PathBuf::from("/opt/kafka"),
                image("/cache/kafka-4.1.1/home"),
            ),
            (PathBuf::from("/opt/kafka/config/extra"), vol("/tb/cm")),
            (
                PathBuf::from("/etc/hosts"),
                Want::Bind {
                    source: "/tb/hosts".into(),
                    readonly: false,
                    is_dir: false,
                },
            ),
        ];
        let (mounts, created) = plan(&wanted, Path::new("/layers"), &kind).unwrap();
        assert_eq!(
            created,
            vec![
                HostMountPoint {
                    path: "/opt/kafka".into(),
                    file: false
                },
                HostMountPoint {
                    path: "/var/lib/kafka".into(),
                    file: false
                },
            ]
        );
        let targets: Vec<(String, &str)> = mounts
            .iter()
            .map(|m| {
                (
                    m.target.display().to_string(),
                    match m.kind {
                        MountKind::Tmpfs => "tmpfs",
                        MountKind::Overlay { .. } => "overlay",
                        MountKind::Bind { .. } => "bind",
                    },
                )
            })
            .collect();
        assert_eq!(
            targets,
            vec![
                ("/opt/kafka".into(), "overlay"),
                ("/etc/hosts".into(), "bind"),
                ("/var/lib/kafka".into(), "tmpfs"),
                ("/var/lib/kafka/data".into(), "bind"),
                ("/opt/kafka/config/extra".into(), "bind"),
            ]
        );
        assert!(
            matches!(&mounts[0].kind, MountKind::Overlay { upper, .. } if upper == Path::new("/layers/0/upper"))
        );
    }

    #[test]
    fn deep_image_paths_share_one_tmpfs_and_files_get_empty_files() {
        let h = host();
        let kind = kinds(&h);
        let wanted = vec![
            (PathBuf::from("/opt/bitnami/kafka"), image("/c/kafka")),
            (PathBuf::from("/opt/bitnami/scripts"), image("/c/scripts")),
            (
                PathBuf::from("/usr/bin/start-kafka.sh"),
                Want::Image {
                    source: "/c/start-kafka.sh".into(),
                    is_dir: false,
                },
            ),
        ];
        let (mounts, created) = plan(&wanted, Path::new("/l"), &kind).unwrap();
        assert_eq!(
            created,
            vec![
                HostMountPoint {
                    path: "/opt/bitnami".into(),
                    file: false
                },
                HostMountPoint {
                    path: "/usr/bin/start-kafka.sh".into(),
                    file: true
                },
            ]
        );
        let tmpfs: Vec<_> = mounts
            .iter()
            .filter(|m| m.kind == MountKind::Tmpfs)
            .collect();
        assert_eq!(tmpfs.len(), 1, "{mounts:?}");
        assert_eq!(tmpfs[0].target, Path::new("/opt/bitnami"));
        assert!(matches!(mounts[1].kind, MountKind::Overlay { .. }));
        assert!(matches!(mounts[2].kind, MountKind::Overlay { .. }));
        assert!(matches!(
            mounts[3].kind,
            MountKind::Bind {
                readonly: true,
                file: true,
                ..
            }
        ));
    }

    #[test]
    fn empty_host_directories_are_shadowed_not_written() {
        let h = host();
        let kind = kinds(&h);
        let wanted = vec![
            (PathBuf::from("/opt/empty/libs"), image("/c/libs")),
            (PathBuf::from("/opt/empty"), vol("/v")),
        ];
        let (mounts, created) = plan(&wanted, Path::new("/l"), &kind).unwrap();
        assert!(created.is_empty(), "{created:?}");
        assert_eq!(
            mounts[0],
            Mount {
                target: "/opt/empty".into(),
                kind: MountKind::Tmpfs
            }
        );
        assert!(matches!(mounts[1].kind, MountKind::Overlay { .. }));
        assert!(matches!(
            &mounts[2].kind,
            MountKind::Bind { file: false, .. }
        ));
        // a later container plans the same way once the first one's mount points exist
        let mut h2 = h.clone();
        h2.insert("/opt/kafka".into(), HostKind::EmptyDir);
        let kind2 = kinds(&h2);
        let wanted = vec![(PathBuf::from("/opt/kafka/libs"), image("/c/libs"))];
        let (mounts, created) = plan(&wanted, Path::new("/l"), &kind2).unwrap();
        assert!(created.is_empty());
        assert_eq!(mounts[0].target, Path::new("/opt/kafka"));
        assert_eq!(mounts[0].kind, MountKind::Tmpfs);
    }

    #[test]
    fn conflicts_and_bad_paths_are_errors() {
        let h = host();
        let kind = kinds(&h);
        let file_over_dir = vec![(
            PathBuf::from("/etc"),
            Want::Bind {
                source: "/x".into(),
                readonly: true,
                is_dir: false,
            },
        )];
        assert!(plan(&file_over_dir, Path::new("/l"), &kind).is_err());
        let under_file = vec![(PathBuf::from("/etc/hosts/x"), vol("/v"))];
        assert!(plan(&under_file, Path::new("/l"), &kind).is_err());
        let relative = vec![(PathBuf::from("data"), vol("/v"))];
        assert!(plan(&relative, Path::new("/l"), &kind).is_err());
        let dotdot = vec![(PathBuf::from("/opt/../etc"), vol("/v"))];
        assert!(plan(&dotdot, Path::new("/l"), &kind).is_err());
    }
}
