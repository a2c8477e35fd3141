export { StandardScaler, type StandardScalerParams } from "./standard-scaler.js";
