import { AppError, isAppError, type Principal } from "../../core/index.js";
import type { ModelServer } from "../../serving/index.js";
import type { EmployeesRepository } from "./employees-repository.js";
import { ATTRITION_MODEL_NAME } from "./model-signature.js";

/** The probability from which an employee is predicted to leave. */
export const ATTRITION_THRESHOLD = 0.5;

/** What `POST /predict` answers (the course's body: snake_case fields). */
export interface AttritionPrediction {
  readonly employee_id?: number;
  readonly attrition_probability: number;
  readonly attrition: boolean;
  readonly threshold: number;
  readonly model: { readonly name: string; readonly version: number; readonly alias: string | null };
  readonly request_id: string;
}

/** Who asks and under which request id (every prediction is logged under it). */
export interface PredictContext {
  readonly principal?: Principal;
  readonly requestId: string;
}

/**
 * The attrition model API: predicts through the platform's ModelServer (so the version behind `production` answers,
 * the record is checked against its signature, and every input and output is written to the prediction log), and
 * turns its answer into the course's body.
 */
export class AttritionService {
  constructor(
    private readonly serving: ModelServer,
    private readonly employees: EmployeesRepository,
    private readonly threshold = ATTRITION_THRESHOLD,
  ) {}

  /** Predicts one employee given by fields (employee_id optional: logged with the inputs when given). */
  async predict(record: Readonly<Record<string, unknown>>, context: PredictContext): Promise<AttritionPrediction> {
    const id = typeof record.employee_id === "number" ? record.employee_id : undefined;
    let result: Awaited<ReturnType<ModelServer["predict"]>>;
    try {
      result = await this.serving.predict(ATTRITION_MODEL_NAME, [record], {
        requestId: context.requestId,
        ...(context.principal ? { principal: context.principal } : {}),
        ...(id === undefined ? {} : { stickyKey: String(id) }),
      });
    } catch (error) {
      // No model registered yet is, for this API, the same as none promoted: not ready.
      if (isAppError(error) && error.code === "NOT_FOUND")
        throw new AppError(
          "MODEL_NOT_READY",
          "No attrition model is in production yet: run `atelier attrition train` (or promote a version)",
        );
      throw error;
    }
    const yes = result.classes?.indexOf("yes") ?? -1;
    const probability = yes >= 0 ? result.probabilities![0]![yes]! : result.predictions[0] === "yes" ? 1 : 0;
    return {
      ...(id === undefined ? {} : { employee_id: id }),
      attrition_probability: probability,
      attrition: probability >= this.threshold,
      threshold: this.threshold,
      model: result.model,
      request_id: context.requestId,
    };
  }

  /** Predicts an employee stored in attrition_employees (NOT_FOUND when the id is not there). */
  async predictStored(employeeId: number, context: PredictContext): Promise<AttritionPrediction> {
    const employee = await this.employees.get(employeeId);
    if (!employee) throw new AppError("NOT_FOUND", `No employee ${employeeId} in attrition_employees`);
    return this.predict({ employee_id: employeeId, ...employee.features }, context);
  }
}
