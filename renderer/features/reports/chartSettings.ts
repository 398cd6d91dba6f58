/** Chart settings beyond the charts' defaults, the same for every chart of the dashboards. */

/** The company (the grey everything is compared against) and a picked person. */
export const COMPANY_COLOUR = '#8a939c';
export const PERSON_COLOUR = '#c2185b';

/**
 * Height of an x axis with a title. The charts' default (45 px) leaves the tick labels too little
 * room under a title in a CJK font (its line box is taller), and they are then cut to nothing.
 */
export const X_AXIS_HEIGHT = 64;
