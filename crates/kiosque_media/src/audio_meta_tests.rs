use std::io::Cursor;

use proptest::prelude::*;

use super::*;
use crate::tone::tone_wav;

/// A constant-bit-rate MPEG 1 Layer III stream of `frames` frames at 128 kb/s, 44.1 kHz,
/// after an ID3v2 tag of `tag` bytes: headers and silent payloads.
fn cbr_mp3(frames: u32, tag: usize) -> Vec<u8> {
    let mut out = Vec::new();
    if tag > 0 {
        out.extend_from_slice(b"ID3\x04\x00\x00");
        let t = tag as u32;
        out.extend_from_slice(&[
            ((t >> 21) & 0x7F) as u8,
            ((t >> 14) & 0x7F) as u8,
            ((t >> 7) & 0x7F) as u8,
            (t & 0x7F) as u8,
        ]);
        out.resize(10 + tag, 0);
    }
    // 144 * 128000 / 44100 = 417 bytes a frame (no padding).
    for _ in 0..frames {
        let start = out.len();
        out.extend_from_slice(&[0xFF, 0xFB, 0x90, 0x00]);
        out.resize(start + 417, 0);
    }
    out
}

/// A variable-bit-rate stream whose first frame carries a Xing header counting `frames`.
fn xing_mp3(frames: u32) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFB, 0x90, 0x00];
    out.resize(4 + 32, 0);
    out.extend_from_slice(b"Xing");
    out.extend_from_slice(&1u32.to_be_bytes());
    out.extend_from_slice(&frames.to_be_bytes());
    out.resize(417 * 3, 0);
    out
}

fn mp4_box(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut out = ((body.len() + 8) as u32).to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(body);
    out
}

/// An M4A whose `moov` comes after its media data, as many encoders write it.
fn m4a(scale: u32, duration: u32) -> Vec<u8> {
    let mut mvhd = vec![0u8; 4 + 8];
    mvhd.extend_from_slice(&scale.to_be_bytes());
    mvhd.extend_from_slice(&duration.to_be_bytes());
    mvhd.resize(100, 0);
    let mut out = mp4_box(b"ftyp", b"M4A \0\0\0\0M4A isom");
    out.extend(mp4_box(b"mdat", &[0u8; 300]));
    let mut moov = mp4_box(b"udta", &[0u8; 20]);
    moov.extend(mp4_box(b"mvhd", &mvhd));
    out.extend(mp4_box(b"moov", &moov));
    out
}

fn ogg_page(granule: i64, packet: &[u8]) -> Vec<u8> {
    let mut out = b"OggS\0\x02".to_vec();
    out.extend_from_slice(&granule.to_le_bytes());
    out.extend_from_slice(&[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    out.push(1);
    out.push(packet.len() as u8);
    out.extend_from_slice(packet);
    out
}

fn vorbis(rate: u32, samples: i64) -> Vec<u8> {
    let mut id = b"\x01vorbis\0\0\0\0\x02".to_vec();
    id.extend_from_slice(&rate.to_le_bytes());
    id.resize(30, 0);
    let mut out = ogg_page(0, &id);
    out.extend(ogg_page(-1, &[0u8; 200]));
    out.extend(ogg_page(samples, &[0u8; 50]));
    out
}

fn opus(pre_skip: u16, samples: i64) -> Vec<u8> {
    let mut id = b"OpusHead\x01\x02".to_vec();
    id.extend_from_slice(&pre_skip.to_le_bytes());
    id.resize(19, 0);
    let mut out = ogg_page(0, &id);
    out.extend(ogg_page(samples + i64::from(pre_skip), &[0u8; 50]));
    out
}

fn seconds(bytes: &[u8]) -> Option<i64> {
    let format = sniff_audio(bytes)?;
    audio_duration(&mut Cursor::new(bytes), format)
}

#[test]
fn formats_are_recognised_by_their_content() {
    assert_eq!(sniff_audio(&cbr_mp3(2, 0)), Some(AudioFormat::Mp3));
    assert_eq!(sniff_audio(&cbr_mp3(2, 20)), Some(AudioFormat::Mp3));
    assert_eq!(sniff_audio(&m4a(1000, 5000)), Some(AudioFormat::M4a));
    assert_eq!(sniff_audio(&vorbis(44100, 1)), Some(AudioFormat::Ogg));
    assert_eq!(
        sniff_audio(&tone_wav(1, 440.0, 8000)),
        Some(AudioFormat::Wav)
    );
    assert_eq!(sniff_audio(b"hello, this is not a sound at all"), None);
    assert_eq!(sniff_audio(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), None);
    assert_eq!(sniff_audio(&[]), None);
    let mut heic = vec![0, 0, 0, 0x18];
    heic.extend_from_slice(b"ftypheic\0\0\0\0");
    assert_eq!(sniff_audio(&heic), None, "a HEIF still image");
}

#[test]
fn lengths_are_read_from_the_headers() {
    // 1,000 frames of 1,152 samples at 44.1 kHz: 26.1 s.
    assert_eq!(seconds(&cbr_mp3(1000, 0)), Some(26));
    assert_eq!(
        seconds(&cbr_mp3(1000, 4000)),
        Some(26),
        "the tag is skipped"
    );
    assert_eq!(seconds(&xing_mp3(10_000)), Some(261));
    assert_eq!(seconds(&m4a(44100, 44100 * 95)), Some(95));
    assert_eq!(seconds(&vorbis(48000, 48000 * 61)), Some(61));
    assert_eq!(seconds(&opus(312, 48000 * 30)), Some(30));
    assert_eq!(seconds(&tone_wav(7, 440.0, 8000)), Some(7));
    assert_eq!(seconds(b"ID3\x04\0\0\0\0\0\x10not a frame anywhere"), None);
    assert_eq!(seconds(&m4a(0, 10)), None, "no time scale");
}

proptest! {
    #[test]
    fn a_cbr_mp3_lasts_its_frames(frames in 1u32..3000, tag in 0usize..2000) {
        let expected = (f64::from(frames) * 1152.0 / 44100.0).round().max(1.0) as i64;
        let got = seconds(&cbr_mp3(frames, tag)).expect("a length");
        // The constant-bit-rate estimate counts bytes, not frames: within a second.
        prop_assert!((got - expected).abs() <= 1, "{} vs {}", got, expected);
    }

    #[test]
    fn a_vbr_mp3_lasts_what_its_xing_header_says(frames in 1u32..1_000_000) {
        let expected = (f64::from(frames) * 1152.0 / 44100.0).round().max(1.0) as i64;
        prop_assert_eq!(seconds(&xing_mp3(frames)), Some(expected));
    }

    #[test]
    fn an_m4a_lasts_its_mvhd(scale in 1u32..200_000, secs in 1u32..20_000) {
        let duration = scale.saturating_mul(secs);
        let expected = (f64::from(duration) / f64::from(scale)).round().max(1.0) as i64;
        prop_assert_eq!(seconds(&m4a(scale, duration)), Some(expected));
    }

    #[test]
    fn an_ogg_lasts_its_last_granule(rate in 8000u32..96_000, secs in 1i64..20_000) {
        prop_assert_eq!(seconds(&vorbis(rate, i64::from(rate) * secs)), Some(secs));
        prop_assert_eq!(seconds(&opus(3840, 48_000 * secs)), Some(secs));
    }

    #[test]
    fn a_wav_lasts_its_data(secs in 1u32..30, rate in prop::sample::select(vec![8000u32, 16000, 22050])) {
        prop_assert_eq!(seconds(&tone_wav(secs, 440.0, rate)), Some(i64::from(secs)));
    }

    #[test]
    fn reading_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2048), prefix in 0usize..5) {
        let heads: [&[u8]; 5] = [b"ID3", b"OggS", b"\0\0\0\x10ftypM4A ", b"RIFF\0\0\0\0WAVE", b"\xFF\xFB\x90\x00"];
        let mut file = heads[prefix].to_vec();
        file.extend_from_slice(&bytes);
        for format in [AudioFormat::Mp3, AudioFormat::M4a, AudioFormat::Ogg, AudioFormat::Wav] {
            let _ = audio_duration(&mut Cursor::new(&file), format);
        }
    }
}
