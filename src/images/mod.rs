//! Raster images of bundles: their size read from the header, and resized variants no
//! wider than [`WIDTHS`], never upscaled, in the format they came in.
//!
//! A leaf module: it knows image formats and pixels, not articles, URLs or the output.
//! Decoding is pure Rust (the `image` crate with only PNG, JPEG and WebP), so a bad
//! file is an error value, never a crash.

mod cache;

use std::io::Cursor;
use std::path::Path;

use image::ImageReader;
use image::imageops::FilterType;

pub use cache::ImageCache;

/// The widths, in pixels, an image is published at, where it is at least as wide.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];

/// An image's size in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImageSize {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl ImageSize {
    /// The sizes of the variants of an image of this size, narrowest first: each width
    /// of [`WIDTHS`] below its own, then its own width capped at the widest, so no
    /// variant is upscaled. Heights keep the aspect ratio.
    pub fn variants(self) -> Vec<ImageSize> {
        let largest = self.width.min(WIDTHS[WIDTHS.len() - 1]);
        let widths = WIDTHS.iter().copied().filter(|&width| width < largest);
        widths
            .chain([largest])
            .map(|width| ImageSize {
                width,
                height: scaled_height(self, width),
            })
            .collect()
    }
}

fn scaled_height(size: ImageSize, width: u32) -> u32 {
    let height = (u64::from(size.height) * u64::from(width) + u64::from(size.width) / 2)
        / u64::from(size.width.max(1));
    (height as u32).max(1)
}

/// The image format of a bundle file named `name`, if it is a raster image that is
/// published resized (SVG and everything else is copied as it is).
pub fn raster_format(name: &str) -> Option<image::ImageFormat> {
    let extension = Path::new(name)
        .extension()?
        .to_string_lossy()
        .to_lowercase();
    match extension.as_str() {
        "png" => Some(image::ImageFormat::Png),
        "jpg" | "jpeg" => Some(image::ImageFormat::Jpeg),
        "webp" => Some(image::ImageFormat::WebP),
        _ => None,
    }
}

/// The name of the variant `width` pixels wide of the bundle file `name`:
/// `maps/geneva.png` -> `maps/geneva-480w.png`.
pub fn variant_name(name: &str, width: u32) -> String {
    match name.rsplit_once('.') {
        Some((stem, extension)) if !extension.contains('/') => {
            format!("{stem}-{width}w.{extension}")
        }
        _ => format!("{name}-{width}w"),
    }
}

/// The size of the image in `path`, read from its header only.
pub fn read_size(path: &Path) -> Result<ImageSize, String> {
    let format = raster_format(&path.to_string_lossy()).ok_or("not a raster image")?;
    let mut reader = ImageReader::open(path).map_err(|error| error.to_string())?;
    reader.set_format(format);
    let (width, height) = reader
        .into_dimensions()
        .map_err(|error| error.to_string())?;
    if width == 0 || height == 0 {
        return Err("the image has no pixels".into());
    }
    Ok(ImageSize { width, height })
}

/// Decodes `bytes` (an image in `format`) and encodes it again at each of `sizes`.
pub fn resize(
    bytes: &[u8],
    format: image::ImageFormat,
    sizes: &[ImageSize],
) -> Result<Vec<Vec<u8>>, String> {
    let mut reader = ImageReader::new(Cursor::new(bytes));
    reader.set_format(format);
    let image = reader.decode().map_err(|error| error.to_string())?;
    let mut variants = Vec::with_capacity(sizes.len());
    for size in sizes {
        let resized = if size.width == image.width() {
            image.clone()
        } else {
            // Catmull-Rom: sharp like Lanczos at about half its cost.
            image.resize_exact(size.width, size.height, FilterType::CatmullRom)
        };
        // JPEG holds no alpha channel; the others keep what the source had.
        let resized = match format {
            image::ImageFormat::Jpeg => image::DynamicImage::ImageRgb8(resized.to_rgb8()),
            _ => resized,
        };
        let mut encoded = Cursor::new(Vec::new());
        match format {
            image::ImageFormat::Jpeg => resized.write_with_encoder(
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut encoded, 85),
            ),
            _ => resized.write_to(&mut encoded, format),
        }
        .map_err(|error| error.to_string())?;
        variants.push(encoded.into_inner());
    }
    Ok(variants)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(width: u32, height: u32) -> ImageSize {
        ImageSize { width, height }
    }

    #[test]
    fn variants_are_never_upscaled_and_keep_the_aspect_ratio() {
        assert_eq!(
            size(4000, 3000).variants(),
            [size(480, 360), size(960, 720), size(1600, 1200)]
        );
        assert_eq!(
            size(1200, 601).variants(),
            [size(480, 240), size(960, 481), size(1200, 601)]
        );
        assert_eq!(size(300, 100).variants(), [size(300, 100)]);
        assert_eq!(size(960, 10).variants(), [size(480, 5), size(960, 10)]);
        assert_eq!(
            size(4000, 1).variants()[0],
            size(480, 1),
            "never zero pixels high"
        );
    }

    #[test]
    fn variant_names_keep_folder_and_extension() {
        assert_eq!(variant_name("maps/geneva.png", 480), "maps/geneva-480w.png");
        assert_eq!(variant_name("a.b/photo", 960), "a.b/photo-960w");
    }

    #[test]
    fn only_png_jpeg_and_webp_are_resized() {
        assert_eq!(raster_format("a.PNG"), Some(image::ImageFormat::Png));
        assert_eq!(raster_format("a.jpg"), Some(image::ImageFormat::Jpeg));
        assert_eq!(raster_format("a.webp"), Some(image::ImageFormat::WebP));
        assert_eq!(raster_format("a.svg"), None);
        assert_eq!(raster_format("a.gif"), None);
    }

    #[test]
    fn bytes_that_are_no_image_are_an_error() {
        let error = resize(b"not a png", image::ImageFormat::Png, &[size(1, 1)]).unwrap_err();
        assert!(!error.is_empty());
    }
}
