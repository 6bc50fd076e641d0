//! The world map in memory: every country's id, name and outline as rings of lon/lat
//! points, with bounding boxes for quick rejection. Its file format is in
//! `store::world`; which country lies under a point is in [`crate::geo::hit`].
//!
//! Rings carry no exterior/hole flag: a country's area is the even-odd union of all its
//! rings (an enclave such as Lesotho is a hole ring of South Africa and an exterior ring of
//! Lesotho). Canvas code should therefore fill with the `"evenodd"` rule; hit testing
//! uses the same rule.

use std::sync::OnceLock;

use super::projection::{equal_earth, ProjectedBox};

/// An axis-aligned box in lon/lat degrees. An empty box has `min > max` and contains nothing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    pub min_lon: f32,
    pub min_lat: f32,
    pub max_lon: f32,
    pub max_lat: f32,
}

impl BBox {
    /// The box that contains nothing; extending it with a point gives that point's box.
    pub const EMPTY: BBox = BBox {
        min_lon: f32::INFINITY,
        min_lat: f32::INFINITY,
        max_lon: f32::NEG_INFINITY,
        max_lat: f32::NEG_INFINITY,
    };

    /// The smallest box holding every point, or [`BBox::EMPTY`] for no points.
    pub(crate) fn of_points(points: &[[f32; 2]]) -> BBox {
        points
            .iter()
            .fold(BBox::EMPTY, |b, p| b.extended(p[0], p[1]))
    }

    /// The box's shape on the Equal Earth plane (exact: see [`ProjectedBox::from_lonlat`]).
    pub fn projected(&self) -> ProjectedBox {
        ProjectedBox::from_lonlat(
            f64::from(self.min_lon),
            f64::from(self.min_lat),
            f64::from(self.max_lon),
            f64::from(self.max_lat),
        )
    }

    /// This box grown to include the point.
    pub fn extended(self, lon: f32, lat: f32) -> BBox {
        BBox {
            min_lon: self.min_lon.min(lon),
            min_lat: self.min_lat.min(lat),
            max_lon: self.max_lon.max(lon),
            max_lat: self.max_lat.max(lat),
        }
    }

    /// The smallest box holding both boxes.
    pub(crate) fn union(self, other: BBox) -> BBox {
        BBox {
            min_lon: self.min_lon.min(other.min_lon),
            min_lat: self.min_lat.min(other.min_lat),
            max_lon: self.max_lon.max(other.max_lon),
            max_lat: self.max_lat.max(other.max_lat),
        }
    }

    /// Whether the box holds no point at all.
    pub fn is_empty(&self) -> bool {
        !(self.min_lon <= self.max_lon && self.min_lat <= self.max_lat)
    }

    /// Whether the point lies inside or on the edge of the box.
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        lon >= f64::from(self.min_lon)
            && lon <= f64::from(self.max_lon)
            && lat >= f64::from(self.min_lat)
            && lat <= f64::from(self.max_lat)
    }

    /// The larger of the longitude and latitude gaps between two boxes, in degrees: 0
    /// when they overlap or touch. Infinite when either is empty. No wrap-around at the
    /// antimeridian: boxes on either side of it are far apart.
    pub fn gap_deg(&self, other: &BBox) -> f32 {
        if self.is_empty() || other.is_empty() {
            return f32::INFINITY;
        }
        let lon = (other.min_lon - self.max_lon).max(self.min_lon - other.max_lon);
        let lat = (other.min_lat - self.max_lat).max(self.min_lat - other.max_lat);
        lon.max(lat).max(0.0)
    }

    /// Width times height in square degrees; zero for an empty box. Used to prefer the
    /// smaller of two overlapping countries when hit testing.
    pub(crate) fn area_deg2(&self) -> f64 {
        if self.is_empty() {
            0.0
        } else {
            f64::from(self.max_lon - self.min_lon) * f64::from(self.max_lat - self.min_lat)
        }
    }
}

/// One country (or territory) of the map: its code, its name and its outline.
#[derive(Debug, Clone)]
pub struct Country {
    id: u16,
    name: String,
    rings: Vec<Vec<[f32; 2]>>,
    bbox: BBox,
    ring_bboxes: Vec<BBox>,
    /// [`Country::body_box`], worked out the first time a map frames the country.
    body_box: OnceLock<ProjectedBox>,
}

/// Two countries are equal when their code, name and rings are (the rest is derived).
impl PartialEq for Country {
    fn eq(&self, other: &Country) -> bool {
        self.id == other.id && self.name == other.name && self.rings == other.rings
    }
}

impl Country {
    /// Builds a country from rings of `[lon, lat]` degrees (implicitly closed: do not
    /// repeat the first point). `id` is the ISO 3166-1 numeric code, or 0 for features
    /// that have none (Kosovo, N. Cyprus, Somaliland, …). The bounding boxes are computed
    /// here, once, so hit testing can skip most countries and rings with four comparisons.
    pub fn new(id: u16, name: impl Into<String>, rings: Vec<Vec<[f32; 2]>>) -> Country {
        let ring_bboxes: Vec<BBox> = rings.iter().map(|r| BBox::of_points(r)).collect();
        let bbox = ring_bboxes.iter().fold(BBox::EMPTY, |a, b| a.union(*b));
        Country {
            id,
            name: name.into(),
            rings,
            bbox,
            ring_bboxes,
            body_box: OnceLock::new(),
        }
    }

    /// ISO 3166-1 numeric code, 0 when the feature has none.
    pub fn id(&self) -> u16 {
        self.id
    }

    /// The ISO 3166-1 numeric code, or `None` for features without one.
    pub fn iso_numeric(&self) -> Option<u16> {
        (self.id != 0).then_some(self.id)
    }

    /// The Natural Earth short name, e.g. "Myanmar" or "Dem. Rep. Congo".
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The rings, each a list of `[lon, lat]` degrees, implicitly closed. Fill them
    /// together with the even-odd rule: holes (enclaves) are rings too.
    pub fn rings(&self) -> &[Vec<[f32; 2]>] {
        &self.rings
    }

    /// Bounding box of all rings, in lon/lat degrees.
    pub fn bbox(&self) -> BBox {
        self.bbox
    }

    /// Bounding box of each ring, parallel to [`Country::rings`].
    pub(crate) fn ring_bboxes(&self) -> &[BBox] {
        &self.ring_bboxes
    }

    /// Total number of points over all rings.
    pub fn point_count(&self) -> usize {
        self.rings.iter().map(Vec::len).sum()
    }

    /// Indices of the rings that make up the country's main body, in stored order: the
    /// largest ring (by its bounding box), then, again and again, every ring whose box
    /// lies within [`BODY_GAP_DEG`] of a ring already taken. Coastal islands and
    /// archipelagos (Myanmar's Mergui islands, Indonesia from Sumatra to New Guinea) belong
    /// to it; territories far away (Hawaii, French Guiana) and the sliver of Russia or of
    /// the Aleutians on the other side of the antimeridian do not. A map that frames a
    /// country frames these rings: the whole country as a reader pictures it, without a
    /// world-wide box for an overseas island.
    pub fn body_rings(&self) -> Vec<usize> {
        let n = self.rings.len();
        let Some(largest) = (0..n).max_by(|&a, &b| {
            self.ring_bboxes[a]
                .area_deg2()
                .total_cmp(&self.ring_bboxes[b].area_deg2())
                .then(b.cmp(&a))
        }) else {
            return Vec::new();
        };
        let mut taken = vec![false; n];
        taken[largest] = true;
        let mut frontier = vec![largest];
        while let Some(i) = frontier.pop() {
            let near = self.ring_bboxes[i];
            for (j, (t, bb)) in taken.iter_mut().zip(&self.ring_bboxes).enumerate() {
                if !*t && near.gap_deg(bb) <= BODY_GAP_DEG {
                    *t = true;
                    frontier.push(j);
                }
            }
        }
        (0..n).filter(|&i| taken[i]).collect()
    }
}

impl Country {
    /// The Equal Earth box of every vertex of the main body ([`Country::body_rings`]), in
    /// projected units; computed once per country, when first asked.
    pub fn body_box(&self) -> ProjectedBox {
        *self.body_box.get_or_init(|| {
            let mut b = ProjectedBox::EMPTY;
            for r in self.body_rings() {
                for p in &self.rings[r] {
                    let (x, y) = equal_earth(f64::from(p[0]), f64::from(p[1]));
                    b = b.extended(x, y);
                }
            }
            b
        })
    }
}

/// How far, in degrees of longitude or latitude, an island may lie from the rest of its
/// country and still count as part of its main body ([`Country::body_rings`]).
pub const BODY_GAP_DEG: f32 = 10.0;

/// The decoded world map: every country outline plus where the geometry came from.
#[derive(Debug, Clone, PartialEq)]
pub struct WorldMap {
    source: String,
    units_per_degree: u32,
    countries: Vec<Country>,
}

impl WorldMap {
    /// Assembles a map. `units_per_degree` is the quantization grid the encoder will round
    /// to; geometry that already lies on that grid survives encode → decode unchanged.
    pub fn new(source: impl Into<String>, units_per_degree: u32, countries: Vec<Country>) -> Self {
        WorldMap {
            source: source.into(),
            units_per_degree,
            countries,
        }
    }

    /// Where the geometry comes from and its licence, for the map's attribution line.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The quantization grid, in units per degree.
    pub fn units_per_degree(&self) -> u32 {
        self.units_per_degree
    }

    /// All countries, in stored order. `cargo xtask map` stores them sorted by id (features
    /// without an id, id 0, first), which [`WorldMap::find_by_id`] exploits.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// Index of the country with this ISO 3166-1 numeric code. When several features
    /// share a code (Natural Earth gives Ashmore and Cartier Is. Australia's 036) the asset
    /// lists the largest first, and that is the one returned. Binary search when the
    /// countries are sorted by id (as the asset is), linear scan otherwise.
    pub fn find_by_id(&self, id: u16) -> Option<usize> {
        if id == 0 {
            return None;
        }
        if self.countries.windows(2).all(|w| w[0].id <= w[1].id) {
            let i = self.countries.partition_point(|c| c.id < id);
            (self.countries.get(i).map(|c| c.id) == Some(id)).then_some(i)
        } else {
            self.countries.iter().position(|c| c.id == id)
        }
    }

    /// Index of the first country with exactly this name.
    pub fn find_by_name(&self, name: &str) -> Option<usize> {
        self.countries.iter().position(|c| c.name == name)
    }

    /// Bounding box of every country, in lon/lat degrees.
    pub fn bbox(&self) -> BBox {
        self.countries
            .iter()
            .fold(BBox::EMPTY, |a, c| a.union(c.bbox))
    }

    /// Total number of points over all countries.
    pub fn point_count(&self) -> usize {
        self.countries.iter().map(Country::point_count).sum()
    }
}
