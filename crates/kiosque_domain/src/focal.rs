//! The focal point of an image: the spot that must stay in view when a page crops the image to
//! another shape (a square thumbnail, a 16:9 card). Stored in whole percents of the width and
//! height from the top left; the centre (50, 50) is every image's default.

use std::fmt;

/// A point of an image, in percents of its width (`x`) and height (`y`) from the top left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FocalPoint {
    x: u8,
    y: u8,
}

impl Default for FocalPoint {
    fn default() -> Self {
        FocalPoint::CENTRE
    }
}

/// The step of the stylesheet's positions: pages cannot use inline styles (the
/// Content-Security-Policy forbids them), so a point is shown through classes, one per step.
pub const CSS_STEP: u8 = 5;

impl FocalPoint {
    pub const CENTRE: FocalPoint = FocalPoint { x: 50, y: 50 };

    /// A point from percents; `None` outside 0–100.
    pub fn new(x: i64, y: i64) -> Option<FocalPoint> {
        let x = u8::try_from(x).ok().filter(|v| *v <= 100)?;
        let y = u8::try_from(y).ok().filter(|v| *v <= 100)?;
        Some(FocalPoint { x, y })
    }

    pub fn x(self) -> u8 {
        self.x
    }

    pub fn y(self) -> u8 {
        self.y
    }

    /// The stylesheet's classes placing a cropped picture on this point (`fx-30 fy-20`), to
    /// the nearest step; `None` at the centre, which needs none.
    pub fn classes(self) -> Option<String> {
        let round = |v: u8| {
            (u16::from(v) + u16::from(CSS_STEP) / 2) / u16::from(CSS_STEP) * u16::from(CSS_STEP)
        };
        let (x, y) = (round(self.x), round(self.y));
        (x != 50 || y != 50).then(|| format!("fx-{x} fy-{y}"))
    }

    /// The largest window of aspect `ratio_w:ratio_h` inside a `width`×`height` image that
    /// keeps this point as near its middle as the edges allow: `(left, top, width, height)`.
    /// For any crop made on the server (a thumbnail, a sharing picture).
    pub fn crop(self, width: u32, height: u32, ratio_w: u32, ratio_h: u32) -> (u32, u32, u32, u32) {
        if width == 0 || height == 0 || ratio_w == 0 || ratio_h == 0 {
            return (0, 0, width, height);
        }
        let (w, h) = (u64::from(width), u64::from(height));
        let (rw, rh) = (u64::from(ratio_w), u64::from(ratio_h));
        // Wider than the ratio: keep the height, cut the sides; else keep the width.
        let (cw, ch) = if w * rh > h * rw {
            (h * rw / rh, h)
        } else {
            (w, w * rh / rw)
        };
        let place = |full: u64, part: u64, pct: u8| -> u64 {
            let centre = full * u64::from(pct) / 100;
            centre.saturating_sub(part / 2).min(full - part)
        };
        let left = place(w, cw, self.x);
        let top = place(h, ch, self.y);
        // Every value is at most the image's own side, so it fits in u32.
        let to32 = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
        (to32(left), to32(top), to32(cw), to32(ch))
    }
}

/// The plain form of revisions and logs: `30,20`.
impl fmt::Display for FocalPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{},{}", self.x, self.y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_stay_inside_the_image() {
        assert_eq!(
            FocalPoint::new(0, 100).map(|p| (p.x(), p.y())),
            Some((0, 100))
        );
        assert_eq!(FocalPoint::new(101, 50), None);
        assert_eq!(FocalPoint::new(-1, 50), None);
        assert_eq!(FocalPoint::default(), FocalPoint::CENTRE);
    }

    #[test]
    fn classes_round_to_the_stylesheet_step_and_the_centre_has_none() {
        assert_eq!(FocalPoint::CENTRE.classes(), None);
        assert_eq!(FocalPoint::new(49, 52).and_then(|p| p.classes()), None);
        assert_eq!(
            FocalPoint::new(31, 18).and_then(|p| p.classes()).as_deref(),
            Some("fx-30 fy-20")
        );
        assert_eq!(
            FocalPoint::new(100, 0).and_then(|p| p.classes()).as_deref(),
            Some("fx-100 fy-0")
        );
    }

    #[test]
    fn a_portrait_cropped_to_16_9_keeps_the_face_near_the_top() {
        // 1000×1500 portrait, face at 40 % across, 20 % down.
        let face = FocalPoint::new(40, 20).expect("point");
        let (left, top, w, h) = face.crop(1000, 1500, 16, 9);
        assert_eq!((left, w, h), (0, 1000, 562));
        // The face (300 px down) is inside the window, near its middle.
        assert!(top <= 300 && 300 < top + h, "{top}");
        assert_eq!(top, 300 - 281);
        // Centred, the same crop would have cut the face off.
        let (_, top, _, h) = FocalPoint::CENTRE.crop(1000, 1500, 16, 9);
        assert!(!(top <= 300 && 300 < top + h));
    }

    #[test]
    fn windows_stop_at_the_edges() {
        let corner = FocalPoint::new(100, 100).expect("point");
        assert_eq!(corner.crop(1600, 900, 1, 1), (700, 0, 900, 900));
        assert_eq!(
            FocalPoint::new(0, 0).expect("point").crop(1600, 900, 1, 1),
            (0, 0, 900, 900)
        );
        assert_eq!(FocalPoint::CENTRE.crop(0, 900, 1, 1), (0, 0, 0, 900));
    }
}
