import type { BusinessScope } from "~/utils/auth.server";
import type { InstrumentFilter } from "~/modules/instruments/instruments.server";
import type { FileProblem } from "~/modules/instruments/import";
import type { CheckOutcome, DescribedPreview } from "~/modules/instruments/import.server";
import type { LabelFormat, LabelSelection } from "~/modules/instruments/labels-pdf.server";

// What a job worker thread can be asked to do, and what it answers. Types only: the main thread
// imports this file, the worker imports the implementations (tasks.server.ts).

/** A file a task made: its bytes travel to the main thread without a copy. */
export type MadeFile = { bytes: Uint8Array; filename: string; contentType: string; rows: number };

export type Tasks = {
  /** Reads and checks an uploaded file (a path on disk): can it be read, and has it rows? */
  "import.check": {
    input: { scope: BusinessScope; path: string; today: string };
    output: { ok: true } | { ok: false; problem: FileProblem };
  };
  /** Reads and checks a stored import file, keeping the checked rows for a confirm. */
  "import.rows": {
    input: { scope: BusinessScope; fileId: number; today: string };
    output: CheckOutcome | null;
  };
  /** The preview page's data for a stored import file: read, checked and planned against the register. */
  "import.preview": {
    input: { scope: BusinessScope; fileId: number; today: string; language: "vi" | "en" };
    output: DescribedPreview | null;
  };
  "export.register": {
    input: { scope: BusinessScope; filter: InstrumentFilter; today: string; language: "vi" | "en"; format: "csv" | "xlsx" };
    output: MadeFile;
  };
  "labels.pdf": {
    input: {
      scope: BusinessScope;
      selection: LabelSelection;
      today: string;
      language: "vi" | "en";
      format: LabelFormat;
      outline: boolean;
      skip: number;
      origin: string;
      texts: { title: string; dueLabel: string; noDue: string; scanNote: string };
    };
    output: MadeFile;
  };
};

export type TaskName = keyof Tasks;
export type TaskInput<N extends TaskName> = Tasks[N]["input"];
export type TaskOutput<N extends TaskName> = Tasks[N]["output"];

/** Messages between the pool (main thread) and a worker. */
export type ToWorker = { id: number; name: TaskName; input: unknown };
export type FromWorker =
  | { id: number; type: "progress"; percent: number }
  | { id: number; type: "done"; output: unknown }
  | { id: number; type: "failed"; message: string };
