"use client";

import { useState, type ReactNode } from "react";

/**
 * An image scan as wide as the viewer, turned by `rotation` (a multiple of 90°). A quarter turn
 * swaps the box's sides, so the box takes the turned image's proportions and the image is centred
 * in it: zoom, pan and "fit page" then see the scan as it looks.
 */
export function ScanImage({
  src,
  alt,
  rotation,
  onError,
  overlay,
}: {
  src: string;
  alt: string;
  rotation: number;
  onError: () => void;
  /** Drawn over the turned image once its size is known (absolute, in percent of this box). */
  overlay?: ReactNode;
}) {
  const [size, setSize] = useState<{ src: string; width: number; height: number } | null>(null);
  const natural = size?.src === src ? size : null;
  const sideways = natural !== null && rotation % 180 !== 0;
  return (
    <div
      className="relative w-full"
      style={
        natural
          ? {
              aspectRatio: sideways
                ? `${natural.height} / ${natural.width}`
                : `${natural.width} / ${natural.height}`,
            }
          : undefined
      }
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- the guarded file route's scan, not an asset to optimise */}
      <img
        src={src}
        alt={alt}
        draggable={false}
        onLoad={(e) =>
          setSize({
            src,
            width: e.currentTarget.naturalWidth || e.currentTarget.clientWidth || 1,
            height: e.currentTarget.naturalHeight || e.currentTarget.clientHeight || 1,
          })
        }
        onError={onError}
        className={natural ? "absolute left-1/2 top-1/2 block max-w-none shadow" : "block w-full shadow"}
        style={
          natural
            ? {
                width: sideways ? `${(natural.width / natural.height) * 100}%` : "100%",
                transform: `translate(-50%, -50%) rotate(${rotation}deg)`,
              }
            : undefined
        }
      />
      {natural ? overlay : null}
    </div>
  );
}
