//! A generated sound: a WAV file of a sine tone, what a program can write without an encoder.
//! The demo's podcast episodes are made of it (clearly labelled as a demo sound), and tests
//! upload it.

/// A mono 16-bit PCM WAV file of `seconds` of a `hz` tone at `rate` samples per second, fading
/// in and out over a tenth of a second so that it starts and ends without a click.
pub fn tone_wav(seconds: u32, hz: f64, rate: u32) -> Vec<u8> {
    let samples = seconds.saturating_mul(rate);
    let data_len = samples.saturating_mul(2);
    let mut out = Vec::with_capacity(44 + data_len as usize);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_len).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&rate.to_le_bytes());
    out.extend_from_slice(&(rate * 2).to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_len.to_le_bytes());
    let fade = f64::from(rate) / 10.0;
    for i in 0..samples {
        let t = f64::from(i) / f64::from(rate);
        let edge = f64::from(i.min(samples - 1 - i));
        let gain = (edge / fade).min(1.0) * 0.3;
        let v = (t * hz * std::f64::consts::TAU).sin() * gain * f64::from(i16::MAX);
        out.extend_from_slice(&(v as i16).to_le_bytes());
    }
    out
}
