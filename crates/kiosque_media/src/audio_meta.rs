//! What an audio file's own bytes say: its format (from its first bytes, whatever its name) and
//! its length, read from its headers. No crate does only this: the decoders that do (symphonia)
//! bring codecs we never run, so the few header fields needed are read here, and property tests
//! check them against files built with a known length.
//!
//! - MP3: an ID3v2 tag is skipped; the first frame header gives the bit rate and sample rate; a
//!   Xing/Info or VBRI header gives the frame count (variable bit rate), else the length is the
//!   bytes over the bit rate (constant bit rate).
//! - M4A: the `mvhd` box of `moov` holds a time scale and a duration.
//! - Ogg (Vorbis or Opus): the first page names the codec and its sample rate, the last page's
//!   granule position is the number of samples.
//! - WAV: the `fmt ` chunk's byte rate and the `data` chunk's size.

use std::io::{Read, Seek, SeekFrom};

use kiosque_domain::podcast::AudioFormat;

/// How many leading bytes [`sniff_audio`] needs.
pub const AUDIO_SNIFF_BYTES: usize = 12;

/// What the first bytes of a file say it is; `None` for anything else (a text file renamed
/// `.mp3`, an image, a video in WebM).
pub fn sniff_audio(head: &[u8]) -> Option<AudioFormat> {
    if head.starts_with(b"ID3") || head.get(..4).and_then(mp3_frame).is_some() {
        return Some(AudioFormat::Mp3);
    }
    if head.starts_with(b"OggS") {
        return Some(AudioFormat::Ogg);
    }
    if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WAVE" {
        return Some(AudioFormat::Wav);
    }
    if head.len() >= 12 && &head[4..8] == b"ftyp" {
        const AUDIO_BRANDS: [&[u8; 4]; 7] = [
            b"M4A ", b"M4B ", b"M4P ", b"mp42", b"mp41", b"isom", b"dash",
        ];
        if AUDIO_BRANDS.iter().any(|b| b.as_slice() == &head[8..12]) {
            return Some(AudioFormat::M4a);
        }
    }
    None
}

/// The length in whole seconds (at least 1) of a file of `format`, or `None` when its headers
/// cannot be read: then it is not the audio file it claims to be.
pub fn audio_duration<R: Read + Seek>(file: &mut R, format: AudioFormat) -> Option<i64> {
    let len = file.seek(SeekFrom::End(0)).ok()?;
    file.seek(SeekFrom::Start(0)).ok()?;
    let seconds = match format {
        AudioFormat::Mp3 => mp3_seconds(file, len)?,
        AudioFormat::M4a => m4a_seconds(file, len)?,
        AudioFormat::Ogg => ogg_seconds(file, len)?,
        AudioFormat::Wav => wav_seconds(file, len)?,
    };
    if !seconds.is_finite() || seconds <= 0.0 || seconds > 1e7 {
        return None;
    }
    Some((seconds.round() as i64).max(1))
}

fn read_at<R: Read + Seek>(file: &mut R, at: u64, n: usize) -> Option<Vec<u8>> {
    file.seek(SeekFrom::Start(at)).ok()?;
    let mut buf = Vec::with_capacity(n);
    file.take(n as u64).read_to_end(&mut buf).ok()?;
    Some(buf)
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn le32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// An MPEG audio Layer III frame header.
struct Mp3Frame {
    bitrate_kbps: u32,
    sample_rate: u32,
    samples: u32,
    /// Bytes between the header and a Xing/Info header (the side information).
    side_info: usize,
}

fn mp3_frame(h: &[u8]) -> Option<Mp3Frame> {
    let h = h.get(..4)?;
    if h[0] != 0xFF || h[1] & 0xE0 != 0xE0 || (h[1] >> 1) & 3 != 1 {
        return None;
    }
    let version = (h[1] >> 3) & 3; // 3: MPEG 1, 2: MPEG 2, 0: MPEG 2.5
    if version == 1 {
        return None;
    }
    let bitrate_index = usize::from(h[2] >> 4);
    let rate_index = usize::from((h[2] >> 2) & 3);
    if bitrate_index == 0 || bitrate_index == 15 || rate_index == 3 {
        return None;
    }
    const V1: [u32; 15] = [
        0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320,
    ];
    const V2: [u32; 15] = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    const RATES: [u32; 3] = [44100, 48000, 32000];
    let mono = h[3] >> 6 == 3;
    let (bitrate_kbps, sample_rate, samples, side_info) = match version {
        3 => (
            V1[bitrate_index],
            RATES[rate_index],
            1152,
            if mono { 17 } else { 32 },
        ),
        2 => (
            V2[bitrate_index],
            RATES[rate_index] / 2,
            576,
            if mono { 9 } else { 17 },
        ),
        _ => (
            V2[bitrate_index],
            RATES[rate_index] / 4,
            576,
            if mono { 9 } else { 17 },
        ),
    };
    Some(Mp3Frame {
        bitrate_kbps,
        sample_rate,
        samples,
        side_info,
    })
}

fn mp3_seconds<R: Read + Seek>(file: &mut R, len: u64) -> Option<f64> {
    let head = read_at(file, 0, 10)?;
    let mut start = 0u64;
    if head.starts_with(b"ID3") && head.len() == 10 {
        let size = head[6..10]
            .iter()
            .fold(0u64, |acc, b| (acc << 7) | u64::from(b & 0x7F));
        let footer = if head[5] & 0x10 != 0 { 10 } else { 0 };
        start = 10 + size + footer;
    }
    let window = read_at(file, start, 64 * 1024)?;
    let at = (0..window.len().saturating_sub(4)).find(|&i| mp3_frame(&window[i..]).is_some())?;
    let frame = mp3_frame(&window[at..])?;
    let tag = at + 4 + frame.side_info;
    let frames = match window.get(tag..tag + 4) {
        Some(b"Xing" | b"Info") if be32(&window, tag + 4)? & 1 == 1 => be32(&window, tag + 8),
        _ => match window.get(at + 36..at + 40) {
            Some(b"VBRI") => be32(&window, at + 36 + 14),
            _ => None,
        },
    };
    Some(match frames {
        Some(frames) => f64::from(frames) * f64::from(frame.samples) / f64::from(frame.sample_rate),
        None => {
            let audio = len.checked_sub(start + at as u64)?;
            audio as f64 * 8.0 / (f64::from(frame.bitrate_kbps) * 1000.0)
        }
    })
}

/// Walks the boxes in `[from, to)` and returns the body's range of the first of `kind`.
fn find_box<R: Read + Seek>(file: &mut R, from: u64, to: u64, kind: &[u8]) -> Option<(u64, u64)> {
    let mut at = from;
    for _ in 0..4096 {
        if at + 8 > to {
            return None;
        }
        let h = read_at(file, at, 16)?;
        let size32 = u64::from(be32(&h, 0)?);
        let (header, size) = match size32 {
            0 => (8, to - at),
            1 => (16, u64::from_be_bytes(h.get(8..16)?.try_into().ok()?)),
            n => (8, n),
        };
        if size < header || at + size > to {
            return None;
        }
        if h.get(4..8)? == kind {
            return Some((at + header, at + size));
        }
        at += size;
    }
    None
}

fn m4a_seconds<R: Read + Seek>(file: &mut R, len: u64) -> Option<f64> {
    let (moov, moov_end) = find_box(file, 0, len, b"moov")?;
    let (mvhd, _) = find_box(file, moov, moov_end, b"mvhd")?;
    let b = read_at(file, mvhd, 32)?;
    let (scale, duration) = if *b.first()? == 1 {
        (
            be32(&b, 20)?,
            u64::from_be_bytes(b.get(24..32)?.try_into().ok()?),
        )
    } else {
        (be32(&b, 12)?, u64::from(be32(&b, 16)?))
    };
    (scale > 0).then(|| duration as f64 / f64::from(scale))
}

fn ogg_seconds<R: Read + Seek>(file: &mut R, len: u64) -> Option<f64> {
    let first = read_at(file, 0, 27 + 255 + 64)?;
    if !first.starts_with(b"OggS") {
        return None;
    }
    let segments = usize::from(*first.get(26)?);
    let packet = first.get(27 + segments..)?;
    let (rate, pre_skip) = if packet.starts_with(b"\x01vorbis") {
        (le32(packet, 12)?, 0)
    } else if packet.starts_with(b"OpusHead") {
        // Opus granules always count at 48 kHz.
        let skip = u16::from_le_bytes(packet.get(10..12)?.try_into().ok()?);
        (48_000, i64::from(skip))
    } else {
        return None;
    };
    if rate == 0 {
        return None;
    }
    let tail_len = len.min(64 * 1024);
    let tail = read_at(file, len - tail_len, tail_len as usize)?;
    let last = tail.windows(4).rposition(|w| w == b"OggS")?;
    let granule = i64::from_le_bytes(tail.get(last + 6..last + 14)?.try_into().ok()?);
    let samples = granule.checked_sub(pre_skip).filter(|s| *s > 0)?;
    Some(samples as f64 / f64::from(rate))
}

fn wav_seconds<R: Read + Seek>(file: &mut R, len: u64) -> Option<f64> {
    let mut at = 12u64;
    let mut byte_rate = None;
    for _ in 0..64 {
        let h = read_at(file, at, 20)?;
        let kind = h.get(..4)?;
        let size = u64::from(le32(&h, 4)?);
        if kind == b"fmt " {
            // After the chunk's header: format (2 bytes), channels (2), sample rate (4).
            byte_rate = le32(&h, 16);
        } else if kind == b"data" {
            let rate = byte_rate.filter(|r| *r > 0)?;
            // A stream written before its length was known says 0xFFFFFFFF: the rest is data.
            let data = size.min(len.saturating_sub(at + 8));
            return Some(data as f64 / f64::from(rate));
        }
        at += 8 + size + (size & 1);
    }
    None
}

#[cfg(test)]
#[path = "audio_meta_tests.rs"]
mod tests;
