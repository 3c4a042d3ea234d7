// The words a National Referral Mechanism case is recorded in. The first three vocabularies follow
// the IOM Human Trafficking Case Data Standard as published by the Counter Trafficking Data
// Collaborative (CTDC), so that national figures line up with international ones (DESIGN §5);
// the CTDC variable each value corresponds to is noted beside it. The others come from the
// ICMPD guidelines (002_4e619d28b1c2416d.txt, cited as "002 l. N") and the Brussels Declaration
// (000_758b1078b4e8da4c.txt, "000 l. N").

/** The purpose of the exploitation (Palermo Protocol art. 3; CTDC `typeOfExploit*`, 000 l. 39, 43). */
export const formsOfExploitation = [
  'sexual_exploitation', // isSexualExploit
  'forced_labour', // isForcedLabour
  'forced_marriage', // isForcedMarriage
  'slavery_and_similar_practices', // isSlaveryAndPractices
  'forced_criminal_activity', // typeOfLabour / isOtherExploit: forced criminality
  'forced_begging', // isOtherExploit: begging
  'domestic_servitude', // typeOfLabourDomesticWork
  'removal_of_organs', // isOrganRemoval
  'forced_military_service', // isForcedMilitary
  'other', // isOtherExploit
] as const;
export type FormOfExploitation = (typeof formsOfExploitation)[number];

/** How the person was controlled (CTDC `meansOfControl*`). */
export const meansOfControl = [
  'debt_bondage', // meansOfControlDebtBondage
  'withholds_earnings', // meansOfControlTakesEarnings
  'threats', // meansOfControlThreats
  'psychological_abuse', // meansOfControlPsychologicalAbuse
  'physical_abuse', // meansOfControlPhysicalAbuse
  'sexual_abuse', // meansOfControlSexualAbuse
  'false_promises', // meansOfControlFalsePromises
  'psychoactive_substances', // meansOfControlPsychoactiveSubstances
  'restricts_movement', // meansOfControlRestrictsMovement
  'restricts_medical_care', // meansOfControlRestrictsMedicalCare
  'excessive_working_hours', // meansOfControlExcessiveWorkingHours
  'threat_of_law_enforcement', // meansOfControlThreatOfLawEnforcement
  'withholds_necessities', // meansOfControlWithholdsNecessities
  'withholds_documents', // meansOfControlWithholdsDocuments
  'other', // meansOfControlOther
] as const;
export type MeansOfControl = (typeof meansOfControl)[number];

/** Who recruited the person (CTDC `recruiterRelation*`). */
export const recruiterRelations = ['intimate_partner', 'friend', 'family', 'other', 'unknown'] as const;
export type RecruiterRelation = (typeof recruiterRelations)[number];

/**
 * How the presumed victim came to the mechanism: the contact routes of 002 l. 1268-1271 (outreach,
 * drop-in centres, hotlines) and the front-line actors of 002 l. 1264 (police, border officials,
 * labour inspectors, health workers).
 */
export const identificationChannels = [
  'hotline',
  'outreach',
  'drop_in_centre',
  'police',
  'border',
  'labour_inspection',
  'health_service',
  'self_referral',
  'other',
] as const;
export type IdentificationChannel = (typeof identificationChannels)[number];

/** Internal trafficking must be taken into account as well as cross-border (002 l. 1255, 1419). */
export const traffickingScopes = ['internal', 'transnational'] as const;
export type TraffickingScope = (typeof traffickingScopes)[number];

/** The minimum services every victim has access to (002 l. 1333-1343), one value per line. */
export const serviceKinds = [
  'safe_accommodation', // l. 1335, with basic needs: food, clothing
  'financial_assistance', // l. 1336
  'psychosocial_counselling', // l. 1337
  'health_care', // l. 1338, on a voluntary basis
  'interpretation_and_cultural_mediation', // l. 1339
  'family_contact', // l. 1340
  'legal_assistance', // l. 1341, free, incl. re-establishing identity documents
  'education_and_vocational_training', // l. 1342
  'employment', // l. 1343, training and employment opportunities
] as const;
export type ServiceKind = (typeof serviceKinds)[number];

/** The kinds of residence permit of 002 l. 1318-1322 (and the witness's permit, 002 l. 1318, 1623). */
export const permitKinds = ['temporary', 'witness', 'permanent'] as const;
export type PermitKind = (typeof permitKinds)[number];

/** The grounds for a permanent residence permit (002 l. 1319-1322). */
export const permanentPermitGrounds = [
  'serious_risk_on_return', // l. 1320: risk to the person or family, or prosecution at home for trafficking-related offences
  'assistance_completed_and_employed', // l. 1321
  'asylum', // l. 1322
] as const;
export type PermanentPermitGround = (typeof permanentPermitGrounds)[number];

/** Grounds on which a decision needs a risk assessment first (002 l. 1325: "humanitarian or asylum grounds"). */
export const groundsNeedingRiskAssessment: readonly PermanentPermitGround[] = [
  'serious_risk_on_return',
  'asylum',
];

/** Where a case can end up (002 l. 1411, 1417, 1419; 000 l. 175-177). */
export const durableSolutions = [
  'voluntary_return',
  'reintegration',
  'third_country_resettlement',
  'social_inclusion',
] as const;
export type DurableSolution = (typeof durableSolutions)[number];

/** Why a risk was assessed: at first contact, on becoming a witness (000 l. 169), before return (000 l. 173, 002 l. 1432), or routinely (000 l. 159). */
export const riskAssessmentReasons = ['initial', 'witness', 'before_return', 'periodic'] as const;
export type RiskAssessmentReason = (typeof riskAssessmentReasons)[number];

/**
 * What a risk assessment found. The first three answer the question of return (002 l. 1432: "not
 * sent back to a situation that endangers their life, health or personal freedom"); the last
 * three grade the risk in the country where the person is now.
 */
export const riskOutcomes = [
  'return_safe',
  'return_unsafe',
  'risk_in_country',
  'low',
  'medium',
  'high',
] as const;
export type RiskOutcome = (typeof riskOutcomes)[number];

/** Stages of criminal proceedings the case follows alongside assistance (002 C.4). */
export const proceedingsStages = [
  'investigation',
  'prosecution',
  'trial',
  'appeal',
  'final_judgment',
  'discontinued',
] as const;
export type ProceedingsStage = (typeof proceedingsStages)[number];

/** Stages after which the proceedings are over: a witness's permit runs until then (002 l. 1318). */
export const finalProceedingsStages: readonly ProceedingsStage[] = ['final_judgment', 'discontinued'];

/** Protective measures for a victim-witness (002 l. 1620, 1626-1627; 000 l. 167). */
export const protectiveMeasures = [
  'closed_hearing',
  'hearing_in_other_venue',
  'no_visual_contact_with_defendant',
  'identity_withheld',
  'video_conference',
  'recorded_testimony',
  'separate_premises_in_court',
  'counsellor_present',
  'witness_protection_programme',
] as const;
export type ProtectiveMeasure = (typeof protectiveMeasures)[number];

/** Routes to compensation (002 l. 1302 and C.4.4, l. 1588-1591). */
export const compensationRoutes = [
  'criminal_proceedings',
  'civil_proceedings',
  'labour_proceedings',
  'state_compensation_fund',
] as const;
export type CompensationRoute = (typeof compensationRoutes)[number];

export const compensationOutcomes = ['awarded', 'rejected', 'settled', 'withdrawn'] as const;
export type CompensationOutcome = (typeof compensationOutcomes)[number];

/** Family members with entitlements of their own (002 l. 1323-1324). */
export const familyRelations = [
  'minor_child',
  'adult_child',
  'partner',
  'parent',
  'sibling',
  'other',
] as const;
export type FamilyRelation = (typeof familyRelations)[number];

/** Decisions on contact with the family (002 l. 1340; for a child, only after a best-interests determination). */
export const familyContactDecisions = ['contact_supported', 'contact_limited', 'no_contact'] as const;
export type FamilyContactDecision = (typeof familyContactDecisions)[number];

/** Where the person lives (002 l. 1359: shelters for adults, children, short or long term). */
export const placements = [
  'family',
  'kinship_care',
  'foster_care',
  'shelter',
  'residential_care',
  'supervised_independent_living',
  'independent_living',
] as const;
export type Placement = (typeof placements)[number];

/** A return is preferably voluntary (002 l. 1411); a return ordered by the authorities is recorded too. */
export const returnKinds = ['voluntary', 'ordered_by_authorities'] as const;
export type ReturnKind = (typeof returnKinds)[number];

export const referralDeclineReasons = ['no_capacity', 'outside_mandate', 'person_declined', 'other'] as const;
export type ReferralDeclineReason = (typeof referralDeclineReasons)[number];

/** Services are voluntary (002 l. 1345): the person may end one at any time. */
export const serviceEndReasons = ['completed', 'person_declined', 'moved', 'other'] as const;
export type ServiceEndReason = (typeof serviceEndReasons)[number];

/** The informed decisions a reflection period prepares (002 l. 1300-1305) and other ways it ends. */
export const reflectionEndReasons = [
  'period_elapsed',
  'person_decided', // l. 1301-1305: to assist proceedings, claim compensation, enter a programme or return
  'left_the_country',
  'not_a_victim', // l. 1306: the authorities determined the person is not a victim
  'other',
] as const;
export type ReflectionEndReason = (typeof reflectionEndReasons)[number];

/** The one-year follow-up (DESIGN §2): employment, social network, re-trafficking (002 l. 1409, 1438-1439). */
export const employmentSituations = ['employed', 'in_training', 'unemployed', 'unknown'] as const;
export type EmploymentSituation = (typeof employmentSituations)[number];

export const socialNetworkSituations = ['supportive', 'limited', 'none', 'unknown'] as const;
export type SocialNetworkSituation = (typeof socialNetworkSituations)[number];

export const reTraffickingFindings = ['none_known', 'suspected', 'confirmed'] as const;
export type ReTraffickingFinding = (typeof reTraffickingFindings)[number];

export const closingReasons = [
  'durable_solution_achieved',
  'person_withdrew', // services are voluntary (002 l. 1345)
  'not_a_victim',
  'lost_contact',
  'transferred_abroad',
  'deceased',
  'other',
] as const;
export type ClosingReason = (typeof closingReasons)[number];

export const reopeningReasons = [
  'new_need',
  're_trafficked',
  'proceedings_resumed',
  'recorded_in_error',
  'other',
] as const;
export type ReopeningReason = (typeof reopeningReasons)[number];
