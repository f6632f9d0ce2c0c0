/**
 * @module client/ui
 * Small accessible building blocks of the cartella screens: labelled fields with inline
 * Italian errors, Italian dates, selects and radio groups, buttons, dialogs, tabs, and the
 * form state they share. No domain logic here.
 */
export { Campo, CampoTesto, CampoAreaTesto, facoltativo, type AttributiCampo } from './Campo';
export { CampoData } from './CampoData';
export { Selezione, Scelta, type Opzione } from './Selezione';
export { Pulsante, ErroreModulo } from './Pulsante';
export { Dialogo } from './Dialogo';
export { Schede, type Scheda } from './Schede';
export { createModulo, richiesto, type Modulo } from './createModulo';
export { leggiData, dataBreve, dataLunga, conDateItaliane, oggiTesto, problemaData, isoDi, type DataLetta } from './date';
import './ui.css';
export { ModuloSemplice, type CampoSemplice, type ValoriModulo } from './ModuloSemplice';
