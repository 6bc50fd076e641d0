//! The Equal Earth projection and the viewport that maps it onto the screen.
//!
//! Three coordinate spaces appear here, and every function name says which it converts
//! between:
//!
//! * **lon/lat**: degrees, longitude east-positive in −180..=180, latitude north-positive
//!   in −90..=90 (the space of [`crate::geo::world`]);
//! * **projected**: Equal Earth coordinates on the unit sphere, x east, y **north**
//!   (x spans about ±2.7066 and y about ±1.3174); multiply by an Earth radius for metres;
//! * **screen**: CSS pixels of the drawing surface, origin at its top-left corner, x right,
//!   y **down**.
//!
//! Equal Earth (Šavrič, Patterson and Jenny 2018, doi:10.1080/13658816.2018.1504949) is
//! equal-area, so the painted size of a country on the flow map is proportional to its
//! real size, while its rounded outline keeps continents looking familiar.

/// Polynomial coefficients of Equal Earth, as published.
pub(crate) const A1: f64 = 1.340264;
/// See [`A1`].
pub(crate) const A2: f64 = -0.081106;
/// See [`A1`].
pub(crate) const A3: f64 = 0.000893;
/// See [`A1`].
pub(crate) const A4: f64 = 0.003796;

/// √3 / 2, the factor that maps the sine of latitude onto the parametric latitude θ.
const M: f64 = 0.866_025_403_784_438_6;

/// The largest |θ|, reached at the poles: asin(√3/2) = π/3.
const THETA_MAX: f64 = std::f64::consts::FRAC_PI_3;

/// Half the width of the projected world (at the equator, ±180°), unit sphere.
pub const EQUAL_EARTH_HALF_WIDTH: f64 = 2.706_629_983_696_075;

/// Half the height of the projected world (at the poles), unit sphere.
pub const EQUAL_EARTH_HALF_HEIGHT: f64 = 1.317_362_759_157_413;

/// The radius, in kilometres, of the sphere with the same area as the WGS 84 ellipsoid.
/// Multiplying projected units by it gives kilometres, and projected areas by its square
/// give true areas in km², because the projection is equal-area.
pub const AUTHALIC_RADIUS_KM: f64 = 6_371.007_180_9;

/// dy/dθ, which also appears in the x formula and in the inverse.
fn dy_dtheta(theta: f64) -> f64 {
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)
}

/// y as a function of θ.
fn y_of_theta(theta: f64) -> f64 {
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
}

/// Projects lon/lat degrees to Equal Earth coordinates on the unit sphere (y north).
/// Inputs outside the globe are not rejected; longitudes beyond ±180 extend the map
/// linearly, which is harmless for drawing.
pub fn equal_earth(lon_deg: f64, lat_deg: f64) -> (f64, f64) {
    let lambda = lon_deg.to_radians();
    let theta = (M * lat_deg.to_radians().sin()).clamp(-1.0, 1.0).asin();
    let x = lambda * theta.cos() / (M * dy_dtheta(theta));
    (x, y_of_theta(theta))
}

/// Inverts [`equal_earth`]: projected unit-sphere coordinates back to lon/lat degrees.
/// θ is recovered from y by Newton iteration (the polynomial is monotonic, so starting at
/// θ = y converges in a handful of steps). Returns `None` for points outside the map's
/// outline, which is how a pointer over the empty corners of the map is recognised.
///
/// The result is exact to about 1e-9° everywhere except within a few thousandths of a
/// degree of the poles: there y hardly changes with latitude (the poles are lines), so
/// the last bit of rounding in y is worth about 1e-6° of latitude. Longitude stays exact.
pub fn equal_earth_inverse(x: f64, y: f64) -> Option<(f64, f64)> {
    if !(x.is_finite() && y.is_finite()) {
        return None;
    }
    // A hair of slack so that points exactly on the outline survive rounding.
    const SLACK: f64 = 1e-9;
    if y.abs() > EQUAL_EARTH_HALF_HEIGHT + SLACK {
        return None;
    }
    let mut theta = y.clamp(-THETA_MAX, THETA_MAX);
    for _ in 0..20 {
        let step = (y_of_theta(theta) - y) / dy_dtheta(theta);
        theta = (theta - step).clamp(-THETA_MAX, THETA_MAX);
        if step.abs() < 1e-14 {
            break;
        }
    }
    let lambda = M * x * dy_dtheta(theta) / theta.cos();
    if lambda.abs() > std::f64::consts::PI + SLACK {
        return None;
    }
    let phi = (theta.sin() / M).clamp(-1.0, 1.0).asin();
    Some((
        lambda.to_degrees().clamp(-180.0, 180.0),
        phi.to_degrees().clamp(-90.0, 90.0),
    ))
}

/// An axis-aligned box in projected coordinates (unit sphere, y north).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProjectedBox {
    pub min_x: f64,
    pub min_y: f64,
    pub max_x: f64,
    pub max_y: f64,
}

impl ProjectedBox {
    /// The whole projected world.
    pub(crate) const WORLD: ProjectedBox = ProjectedBox {
        min_x: -EQUAL_EARTH_HALF_WIDTH,
        min_y: -EQUAL_EARTH_HALF_HEIGHT,
        max_x: EQUAL_EARTH_HALF_WIDTH,
        max_y: EQUAL_EARTH_HALF_HEIGHT,
    };

    /// The projected box of a lon/lat box. Because Equal Earth bends meridians, the
    /// corners alone are not enough: x = λ·g(φ) with g largest at the equator, so each
    /// side's extreme x sits at the latitude nearest to or farthest from the equator.
    /// Evaluating both latitude edges and the equator (when inside) is therefore exact.
    pub fn from_lonlat(min_lon: f64, min_lat: f64, max_lon: f64, max_lat: f64) -> ProjectedBox {
        let lats = [min_lat, max_lat, 0.0_f64.clamp(min_lat, max_lat)];
        let mut b = ProjectedBox::EMPTY;
        for lon in [min_lon, max_lon] {
            for lat in lats {
                let (x, y) = equal_earth(lon, lat);
                b = b.extended(x, y);
            }
        }
        b
    }

    /// The box that contains nothing.
    pub const EMPTY: ProjectedBox = ProjectedBox {
        min_x: f64::INFINITY,
        min_y: f64::INFINITY,
        max_x: f64::NEG_INFINITY,
        max_y: f64::NEG_INFINITY,
    };

    /// This box grown to include the point.
    pub fn extended(self, x: f64, y: f64) -> ProjectedBox {
        ProjectedBox {
            min_x: self.min_x.min(x),
            min_y: self.min_y.min(y),
            max_x: self.max_x.max(x),
            max_y: self.max_y.max(y),
        }
    }

    /// Whether the box holds no point at all.
    pub fn is_empty(&self) -> bool {
        !(self.min_x <= self.max_x && self.min_y <= self.max_y)
    }

    /// Whether the two boxes overlap (edges touching counts). Used to skip drawing
    /// countries that are off screen.
    pub fn intersects(&self, other: &ProjectedBox) -> bool {
        self.min_x <= other.max_x
            && other.min_x <= self.max_x
            && self.min_y <= other.max_y
            && other.min_y <= self.max_y
    }
}

/// The smallest extent, in projected units (about 6 km), that a fit will zoom to. It keeps
/// a fit on a single point (or on identical points) from producing an infinite scale.
pub const MIN_FIT_SPAN: f64 = 1e-3;

/// Maps projected coordinates onto a `width` × `height` pixel surface by a uniform scale
/// and a translation: `screen_x = origin_x + scale·x`, `screen_y = origin_y − scale·y`
/// (the minus because projected y points north and screen y points down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    width: f64,
    height: f64,
    /// Screen pixels per projected unit.
    scale: f64,
    /// Screen position of the projected origin (lon 0, lat 0).
    origin_x: f64,
    origin_y: f64,
}

impl Viewport {
    /// Fits a projected box into the surface, centred, leaving at least `padding` pixels
    /// on every side. Boxes thinner than [`MIN_FIT_SPAN`] are widened to it, and a surface
    /// smaller than twice the padding still gets a one-pixel drawing area, so the result
    /// always has a finite, positive scale.
    pub fn fit_projected_box(b: ProjectedBox, width: f64, height: f64, padding: f64) -> Viewport {
        let b = if b.is_empty() { ProjectedBox::WORLD } else { b };
        let width = finite_or(width, 1.0).max(1.0);
        let height = finite_or(height, 1.0).max(1.0);
        let padding = finite_or(padding, 0.0).max(0.0);
        let inner_w = (width - 2.0 * padding).max(1.0);
        let inner_h = (height - 2.0 * padding).max(1.0);
        let span_x = (b.max_x - b.min_x).max(MIN_FIT_SPAN);
        let span_y = (b.max_y - b.min_y).max(MIN_FIT_SPAN);
        let scale = (inner_w / span_x).min(inner_h / span_y);
        let cx = 0.5 * (b.min_x + b.max_x);
        let cy = 0.5 * (b.min_y + b.max_y);
        Viewport {
            width,
            height,
            scale,
            origin_x: 0.5 * width - scale * cx,
            origin_y: 0.5 * height + scale * cy,
        }
    }

    /// Fits a lon/lat box (degrees) into the surface; see [`Viewport::fit_projected_box`].
    pub fn fit_lonlat_box(
        min_lon: f64,
        min_lat: f64,
        max_lon: f64,
        max_lat: f64,
        width: f64,
        height: f64,
        padding: f64,
    ) -> Viewport {
        let b = ProjectedBox::from_lonlat(min_lon, min_lat, max_lon, max_lat);
        Viewport::fit_projected_box(b, width, height, padding)
    }

    /// Fits a set of projected points (for example the endpoints of the flows on show).
    /// Non-finite points are ignored; `None` when no finite point is given.
    pub fn fit_projected_points<I>(
        points: I,
        width: f64,
        height: f64,
        padding: f64,
    ) -> Option<Viewport>
    where
        I: IntoIterator<Item = (f64, f64)>,
    {
        let b = points
            .into_iter()
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .fold(ProjectedBox::EMPTY, |b, (x, y)| b.extended(x, y));
        (!b.is_empty()).then(|| Viewport::fit_projected_box(b, width, height, padding))
    }

    /// The whole world, fitted into the surface.
    pub fn world(width: f64, height: f64, padding: f64) -> Viewport {
        Viewport::fit_projected_box(ProjectedBox::WORLD, width, height, padding)
    }

    /// Surface width in screen pixels.
    pub fn width(&self) -> f64 {
        self.width
    }

    /// Surface height in screen pixels.
    pub fn height(&self) -> f64 {
        self.height
    }

    /// Screen pixels per projected unit; compare against [`Viewport::world`]'s scale to
    /// get a zoom level, or clamp it to bound zooming.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// Projected → screen.
    pub fn screen_from_projected(&self, x: f64, y: f64) -> (f64, f64) {
        (
            self.origin_x + self.scale * x,
            self.origin_y - self.scale * y,
        )
    }

    /// Screen → projected (defined everywhere, also outside the map's outline).
    pub fn projected_from_screen(&self, sx: f64, sy: f64) -> (f64, f64) {
        (
            (sx - self.origin_x) / self.scale,
            (self.origin_y - sy) / self.scale,
        )
    }

    /// Lon/lat degrees → screen.
    pub fn screen_from_lonlat(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = equal_earth(lon, lat);
        self.screen_from_projected(x, y)
    }

    /// Screen → lon/lat degrees, or `None` where the screen shows no part of the globe.
    pub fn lonlat_from_screen(&self, sx: f64, sy: f64) -> Option<(f64, f64)> {
        let (x, y) = self.projected_from_screen(sx, sy);
        equal_earth_inverse(x, y)
    }

    /// The projected box currently on screen, for culling countries before drawing.
    pub fn visible_projected_box(&self) -> ProjectedBox {
        let (x0, y1) = self.projected_from_screen(0.0, 0.0);
        let (x1, y0) = self.projected_from_screen(self.width, self.height);
        ProjectedBox {
            min_x: x0,
            min_y: y0,
            max_x: x1,
            max_y: y1,
        }
    }

    /// Multiplies the scale by `factor`, keeping the map point under the screen point
    /// (`around_sx`, `around_sy`) fixed, as a wheel or pinch zoom should. Non-finite or
    /// non-positive factors are ignored. No limits are imposed here; the caller decides
    /// how far in or out to allow by looking at [`Viewport::scale`].
    pub fn zoom(&mut self, factor: f64, around_sx: f64, around_sy: f64) {
        if !(factor.is_finite() && factor > 0.0 && around_sx.is_finite() && around_sy.is_finite()) {
            return;
        }
        let scale = self.scale * factor;
        if !(scale.is_finite() && scale > 0.0) {
            return;
        }
        self.origin_x = around_sx - (around_sx - self.origin_x) * factor;
        self.origin_y = around_sy - (around_sy - self.origin_y) * factor;
        self.scale = scale;
    }

    /// Moves the map by (`dx`, `dy`) screen pixels, as a drag does.
    pub fn pan(&mut self, dx: f64, dy: f64) {
        if dx.is_finite() && dy.is_finite() {
            self.origin_x += dx;
            self.origin_y += dy;
        }
    }

    /// Changes the surface size, keeping the scale and the map point at the centre, so a
    /// window resize neither jumps nor rescales the view.
    pub fn resize(&mut self, width: f64, height: f64) {
        let width = finite_or(width, self.width).max(1.0);
        let height = finite_or(height, self.height).max(1.0);
        self.origin_x += 0.5 * (width - self.width);
        self.origin_y += 0.5 * (height - self.height);
        self.width = width;
        self.height = height;
    }
}

fn finite_or(v: f64, fallback: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        fallback
    }
}
