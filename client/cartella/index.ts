/**
 * @module client/cartella
 * The cartella's page and its sections. The shell renders `CartellaView` for the route
 * `#/cartella/<id>/<sezione>[/<elemento>]`.
 */
export { CartellaView, type CartellaViewProps } from './CartellaView';
