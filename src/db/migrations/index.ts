/** Every migration, by its timestamped name, in the order they run. Append; never edit one that shipped. */
import type { Migration } from 'kysely';
import * as initial from './20261128000000_initial.js';
import * as reports from './20261128010000_reports.js';
import * as accounts from './20261128020000_accounts.js';
import * as submissions from './20261128030000_submissions.js';
import * as records from './20261128041500_records.js';
import * as placeBoundaries from './20261128050000_place_boundaries.js';
import * as factCoarse from './20261128100000_fact_coarse.js';
import * as signInFailures from './20261128103000_sign_in_failures.js';
import * as authHardening from './20261202100000_auth_hardening.js';
import * as importJobs from './20261202110000_import_jobs.js';
import * as indicatorAllowNegative from './20261202141500_indicator_allow_negative.js';
import * as accountSettings from './20261203090000_account_settings.js';
import * as indicatorReference from './20261203100000_indicator_reference.js';
import * as dqa from './20261203120000_dqa.js';
import * as trackingExplanations from './20261203110000_tracking_explanations.js';
import * as reportingCalendar from './20261203150000_reporting_calendar.js';
import * as qualityRules from './20261203140000_quality_rules.js';
import * as notifications from './20261203160000_notifications.js';
import * as openFlagsIndex from './20261203170000_open_flags_index.js';
import * as discussionThreads from './20261203180000_discussion_threads.js';
import * as flagSensitivity from './20261203181300_flag_sensitivity.js';
import * as designRetired from './20261204110000_design_retired.js';

export const migrations: Record<string, Migration> = {
  '20261128000000_initial': initial,
  '20261128010000_reports': reports,
  '20261128020000_accounts': accounts,
  '20261128030000_submissions': submissions,
  '20261128041500_records': records,
  '20261128050000_place_boundaries': placeBoundaries,
  '20261128100000_fact_coarse': factCoarse,
  '20261128103000_sign_in_failures': signInFailures,
  '20261202100000_auth_hardening': authHardening,
  '20261202110000_import_jobs': importJobs,
  '20261202141500_indicator_allow_negative': indicatorAllowNegative,
  '20261203090000_account_settings': accountSettings,
  '20261203100000_indicator_reference': indicatorReference,
  '20261203120000_dqa': dqa,
  '20261203110000_tracking_explanations': trackingExplanations,
  '20261203150000_reporting_calendar': reportingCalendar,
  '20261203140000_quality_rules': qualityRules,
  '20261203160000_notifications': notifications,
  '20261203170000_open_flags_index': openFlagsIndex,
  '20261203180000_discussion_threads': discussionThreads,
  '20261203181300_flag_sensitivity': flagSensitivity,
  '20261204110000_design_retired': designRetired,
};
