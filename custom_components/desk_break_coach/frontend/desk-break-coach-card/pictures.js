// A small picture for each built-in exercise, by the step id of routines/<lang>.json.
// 48 × 48 line drawings in currentColor: the figure (class "f") in the text
// colour, the movement (class "m") in the accent colour the card's styles give
// it, so they read in light and dark themes alike. A personal routine's steps
// have ids of their own: no picture.

// An arrowhead at (x, y) pointing along `deg` (0 = right, 90 = down).
function tip(x, y, deg) {
  const point = (turn) => {
    const a = ((deg + turn) * Math.PI) / 180;
    return `${(x - 3.4 * Math.cos(a)).toFixed(1)} ${(y - 3.4 * Math.sin(a)).toFixed(1)}`;
  };
  return `<path d="M${point(34)}L${x} ${y}L${point(-34)}"/>`;
}
// A stroke with arrowheads: each [x, y, deg].
const arrow = (d, ...tips) => `<path d="${d}"/>${tips.map((t) => tip(...t)).join("")}`;
const turn = (deg, cx, cy, body) => `<g transform="rotate(${deg} ${cx} ${cy})">${body}</g>`;
const faint = (body) => `<g class="faint">${body}</g>`;

// Seated, from the front: head, neck and shoulders.
const HEAD = '<circle cx="24" cy="13" r="7"/>';
const EYES = '<path d="M21.5 12.5h.1M26.5 12.5h.1"/>';
const BUST = '<path d="M7 44c0-10 5-15.5 13.5-16.5V19.6M27.5 19.6v7.9C36 28.5 41 34 41 44"/>';
const FRONT = HEAD + BUST;
// Seated, from the side, facing right.
const SIDE_HEAD = '<circle cx="22" cy="13" r="7"/><path d="M28.8 11.5l2.2 3.3-2.4.4"/>';
const SIDE_BODY = '<path d="M18.5 19.5V27C13 29 11.5 35 11.5 44M25 20v7.5c5.5 1.5 8.5 7 8.5 16.5"/>';
const SIDE = SIDE_HEAD + SIDE_BODY;
// From behind: the head, and the shoulder blades.
const BACK = `${HEAD}${BUST}<path d="M17 33.5c2 2.5 2 5.5 0 8M31 33.5c-2 2.5-2 5.5 0 8M24 29v14"/>`;
// Lying on the back, head to the left, on the floor.
const FLOOR = faint('<path d="M3 37h42"/>');
const LYING = `<circle cx="9.5" cy="27" r="5.5"/><path d="M9.5 21.5l1.2-2.2"/>
  <rect x="16.5" y="23.5" width="27" height="8.5" rx="4.25"/>${FLOOR}`;
// A hand seen edge-on, the fingers up.
const palm = (x, y, deg = 0) => turn(deg, x, y,
  `<rect x="${x - 3}" y="${y - 6}" width="6" height="12" rx="3"/>`);
// The head and neck from behind, close up, for the self-massage.
const NAPE = '<circle cx="24" cy="9" r="8"/><path d="M3 44c1-8 6-12 14-13V12.9M31 12.9V31c8 1 13 5 14 13"/>';

// Turning the head to look over a shoulder (two programs have it).
const TURN = [`${BUST}<g transform="translate(2 0)">${SIDE_HEAD}</g>`,
  arrow("M10 8a15 9 0 0 1 28 0", [10, 8, 120], [38, 8, 60])];

const PICTURES = {
  chin_tuck: [SIDE, arrow("M43 16H34", [34, 16, 180])],
  side_tilt: [turn(-24, 24, 23, HEAD + EYES) + BUST, arrow("M31 3a15 15 0 0 0-19 6", [12, 9, 130])],
  slow_turn: TURN,
  head_turn: TURN,
  forward_nod: [turn(24, 20, 23, SIDE_HEAD) + SIDE_BODY,
    arrow("M35 6a13 13 0 0 1 4 13", [39, 19, 100])],
  diagonal_look: [HEAD + BUST + '<path d="M23 11.5h.1M28 11.5h.1"/>',
    arrow("M31 7l9-5", [40, 2, -29]) + arrow("M17 19l-9 5", [8, 24, 151])],
  posture_reset: [SIDE, arrow("M22 5V-1", [22, 0.5, -90]) + faint('<path d="M22 21v23"/>')],
  shoulder_shrug: [FRONT, arrow("M9 36V25", [9, 25, -90]) + arrow("M39 36V25", [39, 25, -90])],
  shoulder_roll: [FRONT,
    arrow("M6 27a5 5 0 1 1 5 6", [11, 33, 15]) + arrow("M42 27a5 5 0 1 0-5 6", [37, 33, 165])],
  shoulder_blade_squeeze: [BACK, arrow("M9 37h6", [15, 37, 0]) + arrow("M39 37h-6", [33, 37, 180])],
  forehead_press: [SIDE + palm(33.5, 10, -10) + '<path d="M36 16c2 6 3 13 0 20"/>',
    arrow("M41 5l-4 1", [37, 6, 166])],
  side_press: [FRONT + palm(34.5, 12) + '<path d="M35 18c1.5 5 3 10 5.5 13"/>',
    arrow("M44 8l-5 2", [39, 10, 158])],
  back_press: [SIDE + palm(13, 12, 10) + '<path d="M12 18c-3 6-3 12-1 18"/>',
    arrow("M5 6l4 1.5", [9, 7.5, 20])],
  arm_circles: [`${HEAD}<path d="M20.5 19.6V28C15 28 10 28.5 5 28.5M27.5 19.6V28c5.5 0 10.5.5 15.5.5
    M12 44c0-8 3-14 8.5-16M36 44c0-8-3-14-8.5-16"/>`,
  arrow("M5 23a5.5 5.5 0 1 0 0 11", [5, 34, 0]) + arrow("M43 23a5.5 5.5 0 1 1 0 11", [43, 34, 180])],
  lying_breathing: [LYING, arrow("M30 20V11", [30, 11, -90], [30, 20, 90])],
  lying_chin_tuck: [LYING, arrow("M5 15l6 3", [11, 18, 27])],
  lying_turn: [LYING, arrow("M3 17a8 6 0 0 1 13 0", [3, 17, 110], [16, 17, 70])],
  lying_shoulders: [LYING, arrow("M20 13v7", [20, 20, 90]) + arrow("M26 13v7", [26, 20, 90])],
  lying_hands: ['<path d="M14 40V26a3 3 0 0 1 6 0v-6a3 3 0 0 1 6 0v2a3 3 0 0 1 6 0v4a3 3 0 0 1 6 0v8c0 4-3 7-7 7h-10"/>',
    arrow("M8 21a10 10 0 0 1 5-9", [13, 12, -40]) + arrow("M44 17a10 10 0 0 0-5-7", [39, 10, -140])],
  lying_feet: [`<path d="M4 31h19c3 0 4-2 5-5l2-9c.6-2.5 3-3.5 5-2l5 4c2 1.5 1.5 3.5-.5 4L30 27"/>${FLOOR}`,
    arrow("M34 6a9 9 0 1 1-9 7", [25, 13, -80])],
  palm_edge: [NAPE + palm(24, 22, 90), arrow("M39 14v14", [39, 14, -90], [39, 28, 90])],
  skin_stretch: [`${NAPE}<path d="M21.5 22h.1M26.5 22h.1"/>`,
    arrow("M19 22h-8", [11, 22, 180]) + arrow("M29 22h8", [37, 22, 0])],
  rubbing: [NAPE + palm(24, 22, 90), arrow("M14 22a10 6 0 1 0 20 0a10 6 0 1 0-20 0", [14, 22, 90])],
  kneading: [`${NAPE}<path d="M8 36c1-4 4-6 7-5M40 36c-1-4-4-6-7-5"/>`,
    arrow("M6 27l4 3", [10, 30, 37]) + arrow("M42 27l-4 3", [38, 30, 143])],
  vibration: [NAPE + palm(24, 22, 90),
    '<path d="M8 14l2-2 2 2 2-2M34 14l2-2 2 2 2-2M8 30l2-2 2 2 2-2M34 30l2-2 2 2 2-2"/>'],
};
export const PICTURE_IDS = Object.keys(PICTURES);

// A micro-break: an eye, looking far away.
const LOOK_AWAY = ['<path d="M3 26c4-6 8.5-8.5 12.5-8.5S24 20 28 26c-4 6-8.5 8.5-12.5 8.5S7 32 3 26z"/><circle cx="15.5" cy="26" r="3.5"/>',
  `<path d="M31 26h4M38.5 26h1.5"/>${tip(44, 26, 0)}${faint('<path d="M33 14l4-6 3 4 2-2 4 4"/>')}`];

const draw = ([figure, move]) => `<svg viewBox="0 0 48 48" fill="none" stroke="currentColor" stroke-width="2"
    stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
    <g class="f">${figure}</g><g class="m">${move}</g></svg>`;

// The picture of an exercise as SVG markup, or undefined.
export const pictureFor = (id) => (Object.hasOwn(PICTURES, id) ? draw(PICTURES[id]) : undefined);

export const lookAwayPicture = () => draw(LOOK_AWAY);
