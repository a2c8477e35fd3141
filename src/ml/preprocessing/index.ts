export type { CategoriesParam } from "./categories.js";
export { MinMaxScaler, type MinMaxScalerParams } from "./min-max-scaler.js";
export { OneHotEncoder, type OneHotEncoderParams } from "./one-hot-encoder.js";
export { OrdinalEncoder, type OrdinalEncoderParams } from "./ordinal-encoder.js";
export { SimpleImputer, type SimpleImputerParams } from "./simple-imputer.js";
export { StandardScaler, type StandardScalerParams } from "./standard-scaler.js";
