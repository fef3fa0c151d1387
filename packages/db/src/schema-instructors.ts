/**
 * ORG-7 基层团建指导员: platform tables owned by the city (see `migrations/platform-instructors.ts`
 * for what tenant roles may read and write).
 */
import type { ColumnType, Generated } from 'kysely';
import type { DateString, Json } from './schema';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;
type TsNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface InstructorsTable {
  id: Generated<string>;
  name: string;
  unit: string;
  /** sealed with the PII keyring (`encryptPii`); masked copy for lists */
  phone_sealed: string | null;
  phone_masked: string | null;
  /** the login account (grant `instructor` in the city tenant) */
  user_id: string | null;
  status: Generated<'active' | 'retired'>;
  created_by: string | null;
  created_at: Ts;
  updated_at: Ts;
}

export interface InstructorTrainingsTable {
  id: Generated<string>;
  instructor_id: string;
  trained_on: DateString;
  course: string;
  /** numeric(5,1): read as a string by both drivers */
  hours: ColumnType<string, string | number, string | number>;
  created_by: string | null;
  created_at: Ts;
}

export interface InstructorAssignmentsTable {
  id: Generated<string>;
  instructor_id: string;
  instructor_name: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  sector: string | null;
  starts_on: DateString;
  ends_on: DateString | null;
  assigned_by: string | null;
  ended_by: string | null;
  created_at: Ts;
}

export interface InstructorVisitsTable {
  id: Generated<string>;
  instructor_id: string;
  instructor_name: string;
  assignment_id: string;
  tenant_id: string;
  org_id: string;
  org_name: string;
  visited_on: DateString;
  year: number;
  findings: string;
  grades: Json;
  health_check_id: string | null;
  applied_at: TsNull;
  recorded_by: string | null;
  created_at: Ts;
}

export interface InstructorPlatformTables {
  'platform.instructors': InstructorsTable;
  'platform.instructor_trainings': InstructorTrainingsTable;
  'platform.instructor_assignments': InstructorAssignmentsTable;
  'platform.instructor_visits': InstructorVisitsTable;
}
