/**
 * How much the PDF report holds, read by the report, the API that checks a request
 * for it and the web page that builds one: a module of its own, without the report's
 * drawing code, so that the web page can import it.
 */

/** The most scenarios (or curve points) one comparison page shows beside the plan: the columns of an A4 page. */
export const REPORT_SCENARIOS_MAX = 4;
